from datetime import date
from decimal import Decimal

import pytest

from mutualis.commonservices import indicators, services, worklist
from mutualis.commonservices.tests.conftest import join
from mutualis.core.periods import year_span
from mutualis.territory.models import Membership

pytestmark = pytest.mark.django_db


def test_indicators_count_services_adhesions_units_unit_cost_and_balance(
    permits, budget_2025, accounts_2025, commune_a, commune_b, territory_a
):
    join(permits, commune_a, 60)
    join(permits, commune_b, 40)
    services.unit_use_record(service=permits, organisation=commune_a, day=date(2025, 5, 1), units=Decimal("64"))
    services.unit_use_record(service=permits, organisation=commune_b, day=date(2025, 5, 1), units=Decimal("31"))
    services.settlement_post(service=permits, year=2025)
    span = year_span(2025)
    assert indicators.offered(territory_a, *year_span(2026)) == 1
    assert indicators.adhesions(territory_a, *span) == 2
    assert indicators.units(territory_a, *span) == Decimal("95")
    assert indicators.unit_cost(territory_a, *span) == Decimal("200.68")
    assert indicators.balance(territory_a, *span) == Decimal("19065.07") - Decimal("146500")


def test_the_manager_is_asked_for_the_last_quarters_units_then_the_settlement(permits, accounts_2025, commune_a, eve):
    join(permits, commune_a, 60)
    membership = Membership.objects.get(user=eve)
    missing = worklist.units_missing(membership, date(2026, 1, 15))
    assert missing.count == 1 and "T4 2025" in missing.items[0].label
    services.unit_use_record(service=permits, organisation=commune_a, day=date(2025, 11, 1), units=Decimal("3"))
    assert worklist.units_missing(membership, date(2026, 1, 15)) is None
    assert worklist.settlement_due(membership, date(2026, 1, 15)).count == 1
    services.settlement_post(service=permits, year=2025)
    assert worklist.settlement_due(membership, date(2026, 1, 15)) is None


def test_a_commune_has_nothing_to_do_there(permits, commune_a, alice):
    join(permits, commune_a, 60)
    membership = Membership.objects.get(user=alice)
    assert worklist.units_missing(membership, date(2026, 1, 15)) is None
    assert worklist.settlement_due(membership, date(2026, 1, 15)) is None
