from datetime import date, timedelta
from decimal import Decimal

import pytest

from mutualis.core.indicators import compute
from mutualis.equipment.models import LoanStatus
from mutualis.equipment.tests.factories import ItemFactory, LoanFactory, RequestFactory

YEAR = (date(2025, 1, 1), date(2026, 1, 1))


def returned_loan(item, borrower, out_on, back_on, status=LoanStatus.RETURNED):
    request = RequestFactory(item=item, borrower=borrower, start=out_on, end=back_on, status="accepted")
    return LoanFactory(request=request, status=status, checked_out_on=out_on, checked_in_on=back_on)


@pytest.fixture
def lent(item, commune_b, epci_a):
    """The trailer lent twice in 2025 (3 days to commune B, 1 day to the EPCI), a barrier lot once in 2024."""
    returned_loan(item, commune_b, date(2025, 3, 3), date(2025, 3, 6))
    returned_loan(item, epci_a, date(2025, 6, 2), date(2025, 6, 2) + timedelta(days=1))
    barriers = ItemFactory(owner=epci_a, declared_value=Decimal("900"))
    returned_loan(barriers, commune_b, date(2024, 5, 1), date(2024, 5, 3))


def test_items_offered_counts_lendable_items_not_archived_before_the_period(item, commune_a, territory_a):
    ItemFactory(owner=commune_a, is_lendable=False)
    today = item.created_at.date()
    assert compute("equipment.items_offered", territory_a, today, today + timedelta(days=1)) == 1
    assert compute("equipment.items_offered", territory_a, today - timedelta(days=9), today) == 0


def test_loans_completed_and_days_lent_count_returns_in_the_period(lent, territory_a):
    assert compute("equipment.loans_completed", territory_a, *YEAR) == 2
    assert compute("equipment.days_lent", territory_a, *YEAR) == 4


def test_participating_organisations_lend_or_borrow_in_the_period(lent, territory_a):
    assert compute("equipment.participating_organisations", territory_a, *YEAR) == 3


def test_cost_avoided_counts_each_borrowed_item_once(lent, territory_a):
    assert compute("equipment.cost_avoided", territory_a, *YEAR) == Decimal("4200.00")
    assert compute("equipment.cost_avoided", territory_a, date(2024, 1, 1), date(2026, 1, 1)) == Decimal("5100.00")


def test_scheduled_loans_avoid_nothing_yet(item, commune_b, territory_a):
    LoanFactory(request=RequestFactory(item=item, borrower=commune_b, start=date(2025, 3, 3), end=date(2025, 3, 6)))
    assert compute("equipment.cost_avoided", territory_a, *YEAR) == Decimal("0.00")


def test_indicators_ignore_other_territories(lent, territory_b):
    assert compute("equipment.loans_completed", territory_b, *YEAR) == 0
    assert compute("equipment.cost_avoided", territory_b, *YEAR) == Decimal("0.00")


def test_a_loan_returned_before_its_planned_days_counts_its_two_organisations(item, commune_b, territory_a):
    # Planned for July, handed over and returned in May: the figures follow what happened.
    request = RequestFactory(item=item, borrower=commune_b, start=date(2025, 7, 1), end=date(2025, 7, 3))
    LoanFactory(request=request, status=LoanStatus.RETURNED, checked_out_on=date(2025, 5, 5),
                checked_in_on=date(2025, 5, 6))  # fmt: skip
    may = (date(2025, 1, 1), date(2025, 6, 1))
    assert compute("equipment.loans_completed", territory_a, *may) == 1
    assert compute("equipment.participating_organisations", territory_a, *may) == 2


def test_a_loan_still_out_counts_until_it_comes_back(item, commune_b, territory_a):
    request = RequestFactory(item=item, borrower=commune_b, start=date(2024, 12, 20), end=date(2024, 12, 22))
    LoanFactory(request=request, status=LoanStatus.OUT, checked_out_on=date(2024, 12, 20))
    assert compute("equipment.participating_organisations", territory_a, *YEAR) == 2
