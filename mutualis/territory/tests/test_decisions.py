import pytest
from django.core.exceptions import ValidationError

from mutualis.territory.models import Body, Decision, Outcome
from mutualis.territory.services import withdrawal_check
from mutualis.territory.tests.factories import DecisionFactory

pytestmark = pytest.mark.django_db


def test_withdrawal_before_launch_needs_no_decision():
    withdrawal_check(launched=False, decision=None)


def test_withdrawal_after_launch_without_decision_is_refused():
    with pytest.raises(ValidationError, match="décision du Bureau"):
        withdrawal_check(launched=True, decision=None)


def test_withdrawal_after_launch_with_an_accepting_bureau_decision_is_allowed():
    withdrawal_check(launched=True, decision=DecisionFactory.build(body=Body.BUREAU, outcome=Outcome.ACCEPTED))


def test_a_rejecting_bureau_decision_does_not_allow_withdrawal():
    with pytest.raises(ValidationError):
        withdrawal_check(launched=True, decision=DecisionFactory.build(body=Body.BUREAU, outcome=Outcome.REJECTED))


def test_a_decision_of_another_body_does_not_allow_withdrawal():
    with pytest.raises(ValidationError):
        withdrawal_check(launched=True, decision=DecisionFactory.build(body=Body.COUNCIL, outcome=Outcome.ACCEPTED))


def test_decisions_are_visible_only_within_their_territory(territory_a, territory_b, alice, oscar):
    mine = DecisionFactory(territory=territory_a)
    DecisionFactory(territory=territory_b)
    assert list(Decision.objects.visible_to(alice)) == [mine]
    assert mine not in Decision.objects.visible_to(oscar)
