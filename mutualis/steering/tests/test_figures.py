from datetime import date
from decimal import Decimal

import pytest

from mutualis.billing.services import charge_cancel
from mutualis.billing.tests.factories import ChargeFactory
from mutualis.steering.figures import IndicatorResult, balances, indicator_results, ratio
from mutualis.steering.services import manual_value_set, target_set
from mutualis.steering.templatetags.steering import figure
from mutualis.steering.tests.factories import (
    ActionFactory,
    AdhesionFactory,
    CostLineFactory,
    IndicatorFactory,
    SchemeFactory,
)
from mutualis.territory.models import Service


def result(value, target, resources) -> IndicatorResult:
    return IndicatorResult(None, 2025, target, value, "", resources)


def test_efficacy_is_the_result_against_the_target_in_per_cent():
    assert result(Decimal("45"), Decimal("60"), Decimal("0")).efficacy == Decimal("75.00")


def test_efficacy_rounds_half_up_to_the_hundredth():
    assert result(1, Decimal("8"), 0).efficacy == Decimal("12.50")
    assert result(2, Decimal("3"), 0).efficacy == Decimal("66.67")


def test_efficiency_is_the_result_per_thousand_euros_of_resources():
    assert result(12, None, Decimal("3000.00")).efficiency == Decimal("4.00")


def test_a_ratio_over_zero_or_nothing_means_nothing_and_shows_as_a_dash():
    assert result(12, Decimal("0"), Decimal("0")).efficacy is None
    assert result(12, None, Decimal("0")).efficiency is None
    assert result(None, Decimal("10"), Decimal("10")).efficacy is None
    assert figure(ratio(5, 0)) == "—"


def test_balance_is_revenues_billed_for_the_action_service_minus_costs_declared(action, commune_a):
    CostLineFactory(action=action, year=2025, amount=Decimal("1000.00"))
    CostLineFactory(action=action, year=2025, amount=Decimal("250.50"))
    CostLineFactory(action=action, year=2024, amount=Decimal("9999.00"))
    ChargeFactory(organisation=commune_a, quantity=1, unit_price=Decimal("800.00"), date=date(2025, 3, 1))
    ChargeFactory(organisation=commune_a, quantity=1, unit_price=Decimal("300.00"), date=date(2026, 1, 1))
    ChargeFactory(
        organisation=commune_a, service=Service.PURCHASING, quantity=1, unit_price=Decimal("300.00"),
        date=date(2025, 3, 1),
    )  # fmt: skip
    balance = balances([action], 2025)[action.pk]
    assert (balance.costs, balance.revenues, balance.balance) == (
        Decimal("1250.50"),
        Decimal("800.00"),
        Decimal("-450.50"),
    )
    assert balance.out_of_balance


def test_cancelled_charges_are_not_revenues(action, commune_a, sam):
    charge = ChargeFactory(organisation=commune_a, quantity=1, unit_price=Decimal("800.00"), date=date(2025, 3, 1))
    charge_cancel(charge=charge, reason="Saisie en double", by=sam)
    assert balances([action], 2025)[action.pk].revenues == 0


def test_an_action_whose_revenues_cover_its_costs_is_in_balance(action, commune_a):
    CostLineFactory(action=action, year=2025, amount=Decimal("500.00"))
    ChargeFactory(organisation=commune_a, quantity=2, unit_price=Decimal("250.00"), date=date(2025, 6, 1))
    assert not balances([action], 2025)[action.pk].out_of_balance


def test_a_manual_indicator_reads_its_value_and_target_for_the_year(action):
    definition = IndicatorFactory(action=action)
    target_set(definition=definition, year=2025, value=Decimal("90"))
    manual_value_set(definition=definition, year=2025, value=Decimal("72"), source="Feuilles d'émargement")
    CostLineFactory(action=action, year=2025, amount=Decimal("3600.00"))
    money = balances([action], 2025)
    [row] = indicator_results([action], 2025, money)[action.pk]
    assert (row.result, row.efficacy, row.efficiency, row.source) == (
        Decimal("72"), Decimal("80.00"), Decimal("20.00"), "Feuilles d'émargement"
    )  # fmt: skip


def test_a_registry_indicator_is_computed_over_the_calendar_year(action, commune_a):
    definition = IndicatorFactory(action=action, registry_key="steering.participating_organisations")
    AdhesionFactory(organisation=commune_a, service=Service.EQUIPMENT, start=date(2025, 12, 31))
    money = balances([action], 2025)
    assert indicator_results([action], 2025, money)[action.pk][0].result == 1
    assert indicator_results([action], 2024, balances([action], 2024))[action.pk][0].result == 0
    assert definition.pk


def test_a_value_cannot_be_entered_for_an_indicator_a_service_computes(action):
    definition = IndicatorFactory(action=action, registry_key="equipment.loans_completed")
    with pytest.raises(Exception, match="calculé"):
        manual_value_set(definition=definition, year=2025, value=Decimal("3"), source="x")


def test_a_value_entered_by_hand_needs_its_source(action):
    with pytest.raises(Exception, match="source"):
        manual_value_set(definition=IndicatorFactory(action=action), year=2025, value=Decimal("3"), source=" ")


def test_an_action_earns_nothing_in_a_year_a_later_scheme_is_in_force(action, commune_a, territory_a):
    later = SchemeFactory(territory=territory_a, start_year=2025, end_year=2030)
    ActionFactory(scheme=later, number=1, service=Service.EQUIPMENT)
    ChargeFactory(organisation=commune_a, quantity=1, unit_price=Decimal("800.00"), date=date(2025, 3, 1))
    assert balances([action], 2024)[action.pk].revenues == 0
    assert balances([action], 2025)[action.pk].revenues == 0
    assert balances(list(later.actions.all()), 2025)[later.actions.get().pk].revenues == Decimal("800.00")


def test_only_the_lowest_numbered_action_of_a_service_earns_its_charges(action, scheme, commune_a):
    twin = ActionFactory(scheme=scheme, number=8, service=Service.EQUIPMENT)
    ChargeFactory(organisation=commune_a, quantity=1, unit_price=Decimal("800.00"), date=date(2025, 3, 1))
    money = balances([action, twin], 2025)
    assert (money[action.pk].revenues, money[twin.pk].revenues) == (Decimal("800.00"), 0)
