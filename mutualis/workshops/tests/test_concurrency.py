"""The seats hold under simultaneous public registrations: the session's row lock serialises them."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from mutualis.workshops.models import RegistrationStatus
from mutualis.workshops.services import registration_create
from mutualis.workshops.tests.factories import SessionFactory

THREADS = 20


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's test database is in memory with a shared cache, where concurrent writers fail at once "
    "with 'database table is locked' instead of waiting; the rule itself is tested in test_services",
)
@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_registrations_for_eight_seats_give_eight_registered_and_twelve_waiting(series):
    session = SessionFactory(series=series, seats=8)
    barrier = threading.Barrier(THREADS)
    registrations, errors = [], []

    def register(number: int) -> None:
        try:
            barrier.wait()
            registrations.append(
                registration_create(session=session, name=f"Habitant {number}", phone=f"06{number:08d}")
            )
        except ValidationError as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(number,)) for number in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = [registration.status for registration in registrations]
    assert statuses.count(RegistrationStatus.REGISTERED) == 8
    assert statuses.count(RegistrationStatus.WAITING) == 12
    assert session.registrations.filter(status=RegistrationStatus.REGISTERED).count() == 8
