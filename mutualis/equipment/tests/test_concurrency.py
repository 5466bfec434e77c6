"""No double allocation under concurrent accepts: the item's row lock serialises them, and on
PostgreSQL the exclusion constraint refuses an overlapping active loan written directly."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from mutualis.equipment.models import Loan, Request
from mutualis.equipment.services import request_accept
from mutualis.equipment.tests.factories import LoanFactory, RequestFactory, in_days

THREADS = 20

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the exclusion constraint exists on PostgreSQL only"
)


def accept_all_at_once(requests, by) -> tuple[list, list]:
    barrier = threading.Barrier(len(requests))
    loans, errors = [], []

    def accept(request: Request) -> None:
        try:
            barrier.wait()
            loans.append(request_accept(request=request, by=by))
        except ValidationError as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(request,)) for request in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return loans, errors


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's test database is in memory with a shared cache, where concurrent writers fail at once "
    "with 'database table is locked' instead of waiting for BEGIN IMMEDIATE (still one loan only); "
    "the rule itself is the same service, tested in test_accept_rules",
)
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_accepts_of_overlapping_requests_give_one_loan(ask, alice, item):
    requests = [ask(start=in_days(7 + i % 3), end=in_days(10 + i % 3)) for i in range(THREADS)]
    loans, errors = accept_all_at_once(requests, alice)
    assert len(loans) == 1
    assert len(errors) == THREADS - 1
    assert Loan.objects.filter(item=item).count() == 1


@postgresql_only
def test_the_database_refuses_an_overlapping_active_loan(item):
    LoanFactory(request=RequestFactory(item=item, start=in_days(7), end=in_days(10)))
    with pytest.raises(IntegrityError, match="equipment_loan_no_overlap"), transaction.atomic():
        LoanFactory(request=RequestFactory(item=item, start=in_days(9), end=in_days(12)))


@postgresql_only
def test_the_database_refuses_a_loan_inside_the_buffer(item):
    LoanFactory(request=RequestFactory(item=item, start=in_days(7), end=in_days(10)), blocked_until=in_days(11))
    with pytest.raises(IntegrityError, match="equipment_loan_no_overlap"), transaction.atomic():
        LoanFactory(request=RequestFactory(item=item, start=in_days(10), end=in_days(12)))


@postgresql_only
def test_the_database_accepts_back_to_back_and_cancelled_overlaps(item):
    LoanFactory(request=RequestFactory(item=item, start=in_days(7), end=in_days(10)))
    LoanFactory(request=RequestFactory(item=item, start=in_days(10), end=in_days(12)))
    LoanFactory(request=RequestFactory(item=item, start=in_days(8), end=in_days(9)), status="cancelled")
    assert Loan.objects.filter(item=item).count() == 3


def test_blocked_until_never_precedes_the_end(item):
    with pytest.raises(IntegrityError), transaction.atomic():
        LoanFactory(request=RequestFactory(item=item), blocked_until=in_days(0) - timedelta(days=1))
