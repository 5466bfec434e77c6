from datetime import date

import pytest
from django.core.exceptions import ValidationError

from mutualis.purchasing.models import ConsultationStatus
from mutualis.purchasing.services import consultation_launch, membership_withdraw
from mutualis.purchasing.tests.factories import NeedFactory, award_lot, in_days
from mutualis.territory.models import Body, Outcome
from mutualis.territory.tests.factories import DecisionFactory


@pytest.fixture
def engaged(consultation, articles, members, commune_a):
    """Commune A declared needs for a consultation now launched."""
    NeedFactory(article=articles[0], organisation=commune_a)
    consultation_launch(consultation=consultation, on=date.today(), by=None)
    return members[0]


def bureau(territory, outcome=Outcome.ACCEPTED, body=Body.BUREAU):
    return DecisionFactory(territory=territory, body=body, outcome=outcome, decided_on=date.today(), subject="Retrait")


def test_member_withdraws_freely_before_any_launch(consultation, articles, members, commune_a):
    NeedFactory(article=articles[0], organisation=commune_a)
    membership = membership_withdraw(membership=members[0], on=date.today(), by=None)
    assert membership.withdrawn_on == date.today()


def test_withdrawal_after_launch_without_decision_is_refused(engaged):
    with pytest.raises(ValidationError, match="décision du Bureau"):
        membership_withdraw(membership=engaged, on=date.today(), by=None)


def test_withdrawal_after_launch_with_a_refusal_is_refused(engaged, territory_a):
    with pytest.raises(ValidationError, match="favorable du Bureau"):
        membership_withdraw(
            membership=engaged, on=date.today(), decision=bureau(territory_a, Outcome.REJECTED), by=None
        )


def test_withdrawal_after_launch_needs_the_bureau_not_another_body(engaged, territory_a):
    with pytest.raises(ValidationError, match="favorable du Bureau"):
        membership_withdraw(
            membership=engaged, on=date.today(), decision=bureau(territory_a, body=Body.COUNCIL), by=None
        )


def test_withdrawal_after_launch_with_the_bureaus_leave_is_recorded(engaged, territory_a):
    decision = bureau(territory_a)
    membership = membership_withdraw(membership=engaged, on=date.today(), decision=decision, by=None)
    assert membership.withdrawal_decision == decision


def test_a_member_without_needs_in_the_launched_consultation_withdraws_freely(engaged, members):
    assert membership_withdraw(membership=members[1], on=date.today(), by=None).withdrawn_on


def test_withdrawal_is_free_again_once_the_awarded_contracts_have_ended(engaged, consultation, articles):
    award_lot(articles[0].lot, start=in_days(-400), end=in_days(-30))
    assert consultation.__class__.objects.get(pk=consultation.pk).status == ConsultationStatus.AWARDED
    assert membership_withdraw(membership=engaged, on=date.today(), by=None).withdrawn_on


def test_a_withdrawn_membership_cannot_be_withdrawn_twice(members):
    membership_withdraw(membership=members[0], on=date.today(), by=None)
    with pytest.raises(ValidationError):
        membership_withdraw(membership=members[0], on=date.today(), by=None)
