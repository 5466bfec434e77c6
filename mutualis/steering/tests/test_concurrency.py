"""An organisation never takes part twice at once in one action, even when two people record it at
the same moment: the action's row lock serialises them, and the partial unique constraint
(tested in test_figures) refuses whatever would slip past."""

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection

from mutualis.steering.models import Participation
from mutualis.steering.services import participation_create

THREADS = 10


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's in-memory test database fails concurrent writers at once ('table is locked') "
    "instead of waiting; the rule is the same service, tested in test_participation",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_records_of_one_participation_give_one_row(action, commune_a):
    barrier = threading.Barrier(THREADS)
    created, refused = [], []

    def record() -> None:
        try:
            barrier.wait()
            created.append(participation_create(action=action, organisation=commune_a, since=date(2022, 1, 1)))
        except (ValidationError, IntegrityError) as error:
            refused.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=record) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (len(created), len(refused)) == (1, THREADS - 1)
    assert Participation.objects.filter(action=action, organisation=commune_a).count() == 1
