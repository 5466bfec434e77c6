from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from mutualis.core.indicators import compute
from mutualis.core.periods import current_year, year_span
from mutualis.purchasing.services import NeedLine, consultation_launch, needs_declare
from mutualis.purchasing.tests.factories import award_lot


@pytest.fixture
def year():
    """This year (on the frozen clock) as a half-open span."""
    return year_span(current_year())


@pytest.fixture
def awarded(consultation, articles, commune_a, bob):
    needs_declare(
        consultation=consultation,
        organisation=commune_a,
        lines=[NeedLine(articles[0], Decimal("100"), Decimal("4"))],
        by=bob,
    )
    consultation_launch(consultation=consultation, on=timezone.localdate(), by=None)
    return award_lot(articles[0].lot, notified_on=timezone.localdate(), renewals=0)


def test_members_counts_organisations_member_during_the_period(members, territory_a, year):
    assert compute("purchasing.members", territory_a, *year) == 2
    assert compute("purchasing.members", territory_a, date(2019, 1, 1), date(2020, 1, 1)) == 0


def test_consultations_counts_the_launches_of_the_period(awarded, territory_a, year):
    assert compute("purchasing.consultations", territory_a, *year) == 1


def test_amount_awarded_sums_the_contracts_notified(awarded, territory_a, year):
    assert compute("purchasing.amount_awarded", territory_a, *year) == Decimal("350.00")


def test_savings_sum_the_yearly_savings_of_the_lots_notified(awarded, territory_a, year):
    assert compute("purchasing.savings", territory_a, *year) == Decimal("50.00")


def test_participation_rate_is_answers_over_members(awarded, territory_a, year):
    assert compute("purchasing.participation_rate", territory_a, *year) == Decimal("50.0")
