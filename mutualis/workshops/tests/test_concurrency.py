"""The seats hold under simultaneous public registrations: the session's row lock serialises them."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from mutualis.workshops.models import Participant, RegistrationStatus
from mutualis.workshops.services import registration_create
from mutualis.workshops.tests.factories import SessionFactory

THREADS = 20

on_postgresql = pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's test database is in memory with a shared cache, where concurrent writers fail at once "
    "with 'database table is locked' instead of waiting; the rule itself is tested in test_services",
)


def at_once(function, arguments: list) -> list[ValidationError]:
    """Run `function` on each argument in its own thread, all released together; the errors raised."""
    barrier = threading.Barrier(len(arguments))
    errors = []

    def run(argument) -> None:
        try:
            barrier.wait()
            function(argument)
        except ValidationError as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_registrations_for_eight_seats_give_eight_registered_and_twelve_waiting(series):
    session = SessionFactory(series=series, seats=8)
    registrations = []

    def register(number: int) -> None:
        registrations.append(registration_create(session=session, name=f"Habitant {number}", phone=f"06{number:08d}"))

    assert at_once(register, list(range(THREADS))) == []
    statuses = [registration.status for registration in registrations]
    assert statuses.count(RegistrationStatus.REGISTERED) == 8
    assert statuses.count(RegistrationStatus.WAITING) == 12
    assert session.registrations.filter(status=RegistrationStatus.REGISTERED).count() == 8


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_one_person_registering_for_two_workshops_at_once_is_one_person(series):
    sessions = [SessionFactory(series=series), SessionFactory(series=series)]

    def register(session) -> None:
        registration_create(session=session, name="Jeanne Martin", email="jeanne@example.org")

    assert at_once(register, sessions) == []
    assert Participant.objects.filter(name="Jeanne Martin").count() == 1
