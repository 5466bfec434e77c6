"""Two managers assigning the same agent to overlapping missions at the same moment: the agent's
row lock serialises them, and the second sees the first and is refused."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from mutualis.replacement.models import Assignment
from mutualis.replacement.services import assignment_create


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's test database is in memory with a shared cache, where concurrent writers fail at once "
    "with 'database table is locked' instead of waiting for BEGIN IMMEDIATE; the rule itself is the same "
    "service, tested in test_assignments",
)
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_assignments_beyond_working_time_leave_one(ask, nadia, remy, eve):
    requests = [ask(), ask()]
    barrier = threading.Barrier(2)
    created, errors = [], []

    def assign(request, by) -> None:
        try:
            barrier.wait()
            created.append(
                assignment_create(
                    request=request,
                    agent=nadia,
                    start=request.start,
                    end=request.end,
                    weekly_hours=Decimal("20"),
                    by=by,
                )  # fmt: skip
            )
        except ValidationError as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=assign, args=args) for args in zip(requests, [remy, eve], strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(created) == 1
    assert len(errors) == 1
    assert Assignment.objects.filter(agent=nadia).count() == 1
