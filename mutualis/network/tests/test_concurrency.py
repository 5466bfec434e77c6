"""The seats hold under simultaneous registrations: the session's row lock serialises them."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from mutualis.network.models import SeatStatus
from mutualis.network.services import enrol
from mutualis.network.tests.factories import ProfileFactory

THREADS = 20


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's test database is in memory with a shared cache, where concurrent writers fail at once "
    "with 'database table is locked' instead of waiting; the rule itself is tested in test_training",
)
@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_registrations_for_ten_seats_give_ten_registered_and_ten_waiting(
    sst_session, commune_a, commune_b, bob, charlie
):
    agents = [(ProfileFactory(organisation=commune_a), bob) for _ in range(10)]
    agents += [(ProfileFactory(organisation=commune_b), charlie) for _ in range(10)]
    barrier = threading.Barrier(THREADS)
    enrolments, errors = [], []

    def register(profile, secretary) -> None:
        try:
            barrier.wait()
            enrolments.append(enrol(session=sst_session, profile=profile, by=secretary))
        except ValidationError as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=agent) for agent in agents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = [enrolment.status for enrolment in enrolments]
    assert statuses.count(SeatStatus.REGISTERED) == 10
    assert statuses.count(SeatStatus.WAITING) == 10
    assert sst_session.seats_taken.filter(status=SeatStatus.REGISTERED).count() == 10
