"""One adhesion record: an organisation takes part in a service from a date, under a convention,
and leaves it under the schéma's rule (§4)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from mutualis.agreements import terms
from mutualis.agreements.models import Adhesion, Instrument, Status
from mutualis.agreements.services import (
    adhesion_create,
    adhesion_of,
    adhesion_required,
    adhesion_withdraw,
    adhesion_withdraw_with_decision,
)
from mutualis.territory.models import Outcome, Service

START = date(2026, 1, 5)


def adhere(organisation, service=Service.REPLACEMENT, **fields):
    return adhesion_create(
        organisation=organisation,
        service=service,
        start=fields.pop("start", START),
        convention_instrument=Instrument.INDIVIDUAL_SECONDMENT,
        object="Mise à disposition d'agents de remplacement",
        **fields,
    )


@pytest.fixture
def locked_after_2026_06(monkeypatch):
    """The only withdrawal lock, as steering registers one: the action is launched on 1 June 2026."""
    monkeypatch.setattr(terms, "_locks", [lambda adhesion, on: on >= date(2026, 6, 1)])


def test_adhering_drafts_the_convention_between_the_epci_and_the_organisation(commune_a, epci_a, alice):
    adhesion = adhere(commune_a, by=alice)
    convention = adhesion.convention
    assert convention.status == Status.DRAFT and convention.source == adhesion
    assert [p.organisation for p in convention.convention_parties.all()] == [epci_a, commune_a]
    assert adhesion.history.first().history_user == alice


def test_a_second_open_adhesion_to_the_same_service_is_refused(commune_a, epci_a):
    adhere(commune_a)
    with pytest.raises(ValidationError, match="adhère déjà"):
        adhere(commune_a, start=date(2026, 3, 1))


def test_the_same_organisation_may_adhere_to_two_formulas_or_two_subjects(commune_a, epci_a, commune_b):
    adhere(commune_a, Service.PURCHASING, instrument=Instrument.JOINT_PURCHASING)
    adhere(commune_a, Service.PURCHASING, instrument=Instrument.PURCHASING_CENTRE)
    adhere(commune_a, Service.DIGITAL, subject=commune_b)  # any row can be the subject
    adhere(commune_a, Service.DIGITAL, subject=epci_a)
    assert Adhesion.objects.filter(organisation=commune_a).count() == 4


def test_the_epci_does_not_adhere_to_its_own_service(epci_a):
    with pytest.raises(ValidationError, match="porte le service"):
        adhere(epci_a)


def test_a_service_refuses_an_organisation_without_adhesion_and_serves_it_after(commune_a, epci_a):
    with pytest.raises(ValidationError, match="n'adhère pas"):
        adhesion_required(commune_a, Service.REPLACEMENT, START)
    adhesion = adhere(commune_a)
    assert adhesion_required(commune_a, Service.REPLACEMENT, START) == adhesion
    assert adhesion_of(commune_a, Service.REPLACEMENT, date(2026, 1, 4)) is None


def test_withdrawal_is_free_before_launch(commune_a, epci_a, locked_after_2026_06):
    adhesion = adhesion_withdraw(adhesion=adhere(commune_a), on=date(2026, 5, 31))
    assert adhesion.end == date(2026, 5, 31)
    assert adhesion_of(commune_a, Service.REPLACEMENT, date(2026, 5, 31)) is None


def test_withdrawal_after_launch_needs_an_accepting_bureau_decision(commune_a, epci_a, locked_after_2026_06):
    adhesion = adhere(commune_a)
    with pytest.raises(ValidationError, match="décision du Bureau"):
        adhesion_withdraw(adhesion=adhesion, on=date(2026, 6, 1))
    with pytest.raises(ValidationError, match="décision favorable"):
        adhesion_withdraw_with_decision(
            adhesion=adhesion, on=date(2026, 6, 1), decided_on=date(2026, 5, 20), outcome=Outcome.REJECTED
        )
    adhesion_withdraw_with_decision(
        adhesion=adhesion, on=date(2026, 6, 1), decided_on=date(2026, 5, 20), outcome=Outcome.ACCEPTED
    )
    adhesion.refresh_from_db()
    assert adhesion.end == date(2026, 6, 1) and adhesion.withdrawal_decision.is_accepted


def test_a_withdrawn_adhesion_cannot_be_withdrawn_again(commune_a, epci_a):
    adhesion = adhesion_withdraw(adhesion=adhere(commune_a), on=date(2026, 2, 1))
    with pytest.raises(ValidationError, match="déjà pris fin"):
        adhesion_withdraw(adhesion=adhesion, on=date(2026, 3, 1))


def test_participants_are_the_adherents_and_the_actual_users(commune_a, commune_b, epci_a, monkeypatch):
    adhere(commune_a, Service.PURCHASING)
    adhere(commune_b, Service.PURCHASING, start=date(2027, 1, 1))
    monkeypatch.setitem(terms._terms, Service.EQUIPMENT, terms.ServiceTerms(False, lambda *period: {commune_b.pk}))
    year_2026 = (date(2026, 1, 1), date(2027, 1, 1))
    territory = commune_a.territory
    assert terms.participants(territory, Service.PURCHASING, *year_2026) == {commune_a.pk}
    assert terms.participants(territory, Service.PURCHASING, date(2025, 1, 1), START) == set()
    assert terms.participants(territory, Service.EQUIPMENT, *year_2026) == {commune_b.pk}
