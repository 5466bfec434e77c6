"""Leaving the club follows the schéma's rule through `agreements.adhesion_withdraw`; the club's
lock: a member with needs in a launched consultation whose contracts still run needs the Bureau."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mutualis.agreements.services import adhesion_withdraw, adhesion_withdraw_with_decision
from mutualis.purchasing.models import Consultation, ConsultationStatus
from mutualis.purchasing.services import consultation_launch
from mutualis.purchasing.terms import is_engaged
from mutualis.purchasing.tests.factories import ClubAdhesionFactory, NeedFactory, award_lot, in_days
from mutualis.territory.models import Body, Outcome, Service
from mutualis.territory.tests.factories import DecisionFactory


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def engaged(consultation, articles, members, commune_a, today):
    """Commune A declared needs for a consultation now launched."""
    NeedFactory(article=articles[0], organisation=commune_a)
    consultation_launch(consultation=consultation, on=today, by=None)
    return members[0]


def bureau(territory, outcome=Outcome.ACCEPTED, body=Body.BUREAU):
    return DecisionFactory(
        territory=territory, body=body, outcome=outcome, decided_on=timezone.localdate(), subject="Retrait"
    )


def test_member_withdraws_freely_before_any_launch(consultation, articles, members, commune_a, today):
    NeedFactory(article=articles[0], organisation=commune_a)
    assert adhesion_withdraw(adhesion=members[0], on=today, by=None).end == today


def test_withdrawal_after_launch_without_decision_is_refused(engaged, today):
    with pytest.raises(ValidationError, match="décision du Bureau"):
        adhesion_withdraw(adhesion=engaged, on=today, by=None)


def test_withdrawal_after_launch_with_a_refusal_is_refused(engaged, territory_a, today):
    with pytest.raises(ValidationError, match="favorable du Bureau"):
        adhesion_withdraw(adhesion=engaged, on=today, decision=bureau(territory_a, Outcome.REJECTED), by=None)


def test_withdrawal_after_launch_needs_the_bureau_not_another_body(engaged, territory_a, today):
    with pytest.raises(ValidationError, match="favorable du Bureau"):
        adhesion_withdraw(adhesion=engaged, on=today, decision=bureau(territory_a, body=Body.COUNCIL), by=None)


def test_withdrawal_after_launch_with_the_bureaus_leave_is_recorded(engaged, territory_a, today):
    decision = bureau(territory_a)
    assert adhesion_withdraw(adhesion=engaged, on=today, decision=decision, by=None).withdrawal_decision == decision


def test_withdrawal_after_launch_records_the_bureaus_decision_given_with_it(engaged, today):
    adhesion = adhesion_withdraw_with_decision(
        adhesion=engaged, on=today, decided_on=today, outcome=Outcome.ACCEPTED, reference="B-2026-12", by=None
    )
    assert adhesion.withdrawal_decision.reference == "B-2026-12"


def test_a_member_without_needs_in_the_launched_consultation_withdraws_freely(engaged, members, today):
    assert adhesion_withdraw(adhesion=members[1], on=today, by=None).end == today


def test_the_other_formula_of_an_engaged_member_is_free(engaged, commune_a, today):
    centre = ClubAdhesionFactory(organisation=commune_a, instrument="purchasing_centre")
    assert adhesion_withdraw(adhesion=centre, on=today, by=None).end == today


def test_an_adhesion_to_another_service_is_not_locked_by_the_club(engaged, commune_a, today):
    other = ClubAdhesionFactory(organisation=commune_a, service=Service.REPLACEMENT, instrument="")
    assert not is_engaged(other, today)


def test_withdrawal_is_free_again_once_the_awarded_contracts_have_ended(engaged, consultation, articles, today):
    award_lot(articles[0].lot, start=in_days(-400), end=in_days(-30))
    assert Consultation.objects.get(pk=consultation.pk).status == ConsultationStatus.AWARDED
    assert adhesion_withdraw(adhesion=engaged, on=today, by=None).end == today


def test_withdrawal_while_the_awarded_contracts_run_needs_the_bureau(engaged, articles, today):
    award_lot(articles[0].lot, start=in_days(-30), end=in_days(300))
    with pytest.raises(ValidationError, match="décision du Bureau"):
        adhesion_withdraw(adhesion=engaged, on=today + timedelta(days=1), by=None)


def test_a_withdrawn_adhesion_cannot_be_withdrawn_twice(members, today):
    adhesion_withdraw(adhesion=members[0], on=today, by=None)
    with pytest.raises(ValidationError):
        adhesion_withdraw(adhesion=members[0], on=today, by=None)
