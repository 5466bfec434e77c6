"""The schéma as data: which action steers which service on which day, for the charges, the economic
balance and the withdrawal rule (§4), with two territories whose schémas number their actions apart."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from mutualis.agreements.services import adhesion_withdraw, adhesion_withdraw_with_decision
from mutualis.billing.actions import with_actions
from mutualis.billing.tests.factories import ChargeFactory
from mutualis.steering.figures import balances
from mutualis.steering.models import Scheme
from mutualis.steering.schedule import action_for
from mutualis.steering.tests.factories import ActionFactory, AdhesionFactory, SchemeFactory
from mutualis.territory.models import Service
from mutualis.territory.tests.factories import OrganisationFactory


@pytest.fixture
def replacement_a(scheme):
    """Grand Dole: replacement is action 6, launched on 1 July 2021."""
    return ActionFactory(scheme=scheme, number=6, title="Poursuivre le service de remplacement",
                         service=Service.REPLACEMENT, launched_on=date(2021, 7, 1))  # fmt: skip


@pytest.fixture
def replacement_b(territory_b):
    """Another EPCI's own schéma, numbered its own way: replacement is its action 2."""
    scheme = SchemeFactory(territory=territory_b, title="Schéma de l'autre EPCI", start_year=2022, end_year=2027)
    return ActionFactory(scheme=scheme, number=2, title="Remplacement", service=Service.REPLACEMENT)


def test_the_scheme_in_force_is_the_latest_one_covering_the_day(scheme, territory_a):
    later = SchemeFactory(territory=territory_a, start_year=2025, end_year=2030)
    assert Scheme.objects.in_force(territory_a, date(2024, 12, 31)).first() == scheme
    assert Scheme.objects.in_force(territory_a, date(2025, 1, 1)).first() == later
    assert not Scheme.objects.in_force(territory_a, date(2031, 1, 1)).exists()


def test_the_action_of_a_service_is_the_one_the_scheme_in_force_gives_it(replacement_a, action, territory_a):
    assert action_for(territory_a, Service.REPLACEMENT, date(2024, 3, 1)) == replacement_a
    assert action_for(territory_a, Service.EQUIPMENT, date(2024, 3, 1)) == action
    assert action_for(territory_a, Service.PURCHASING, date(2024, 3, 1)) is None
    assert action_for(territory_a, Service.REPLACEMENT, date(2020, 12, 31)) is None


def test_two_territories_number_their_actions_side_by_side(replacement_a, replacement_b, commune_a, epci_b):
    ours = ChargeFactory(organisation=commune_a, service=Service.REPLACEMENT, date=date(2025, 3, 3))
    theirs = ChargeFactory(organisation=OrganisationFactory(territory=epci_b.territory), service=Service.REPLACEMENT,
                           date=date(2025, 3, 3), quantity=Decimal("1"), unit_price=Decimal("100.00"))  # fmt: skip
    before_theirs = ChargeFactory(organisation=theirs.organisation, service=Service.REPLACEMENT, date=date(2021, 6, 1))
    read = {charge.pk: charge.scheme_action for charge in with_actions([ours, theirs, before_theirs])}
    assert (read[ours.pk].number, read[ours.pk].title) == (6, "Poursuivre le service de remplacement")
    assert str(read[theirs.pk]) == "2. Remplacement"
    assert read[before_theirs.pk] is None  # their schéma starts in 2022
    assert balances([replacement_a], 2025)[replacement_a.pk].revenues == Decimal("31.00")
    assert balances([replacement_b], 2025)[replacement_b.pk].revenues == Decimal("100.00")


def test_withdrawal_is_free_before_the_action_steering_the_service_is_launched(replacement_a, commune_a):
    replacement_a.launched_on = date(2026, 1, 1)
    replacement_a.save()
    adhesion = AdhesionFactory(organisation=commune_a, service=Service.REPLACEMENT, start=date(2025, 1, 1))
    assert adhesion_withdraw(adhesion=adhesion, on=date(2025, 6, 1)).end == date(2025, 6, 1)


def test_withdrawal_after_launch_needs_the_bureau(replacement_a, commune_a):
    adhesion = AdhesionFactory(organisation=commune_a, service=Service.REPLACEMENT, start=date(2022, 1, 1))
    with pytest.raises(ValidationError, match="Bureau"):
        adhesion_withdraw(adhesion=adhesion, on=date(2025, 6, 1))
    adhesion = adhesion_withdraw_with_decision(
        adhesion=adhesion, on=date(2025, 6, 1), decided_on=date(2025, 5, 20), outcome="accepted", reference="B-25-3"
    )
    assert (adhesion.end, adhesion.withdrawal_decision.reference) == (date(2025, 6, 1), "B-25-3")


def test_withdrawal_from_a_service_no_action_steers_is_free(replacement_a, commune_a):
    adhesion = AdhesionFactory(organisation=commune_a, service=Service.PURCHASING, start=date(2022, 1, 1))
    assert adhesion_withdraw(adhesion=adhesion, on=date(2025, 6, 1)).end == date(2025, 6, 1)
