from datetime import date

import pytest
from django.core.exceptions import ValidationError

from mutualis.steering.services import participation_create, participation_withdraw
from mutualis.steering.tests.factories import ParticipationFactory
from mutualis.territory.tests.factories import DecisionFactory, OrganisationFactory


@pytest.fixture
def launched(action):
    action.launched_on = date(2022, 1, 1)
    action.save()
    return action


def test_an_organisation_joins_an_action(action, commune_a):
    participation = participation_create(action=action, organisation=commune_a, since=date(2022, 3, 1))
    assert participation.until is None


def test_an_organisation_cannot_take_part_twice_at_once(action, commune_a):
    participation_create(action=action, organisation=commune_a, since=date(2022, 3, 1))
    with pytest.raises(ValidationError):
        participation_create(action=action, organisation=commune_a, since=date(2023, 3, 1))


def test_an_organisation_of_another_territory_cannot_join(action, epci_b):
    with pytest.raises(ValidationError):
        participation_create(action=action, organisation=epci_b, since=date(2022, 3, 1))


def test_withdrawal_is_free_before_the_launch(action, commune_a):
    participation = ParticipationFactory(action=action, organisation=commune_a, since=date(2021, 3, 1))
    participation = participation_withdraw(participation=participation, on=date(2021, 9, 1))
    assert participation.until == date(2021, 9, 1)


def test_withdrawal_before_the_launch_date_of_a_launched_action_is_free(launched, commune_a):
    participation = ParticipationFactory(action=launched, organisation=commune_a, since=date(2021, 3, 1))
    assert participation_withdraw(participation=participation, on=date(2021, 12, 31)).until == date(2021, 12, 31)


def test_withdrawal_after_the_launch_needs_a_bureau_decision(launched, commune_a):
    participation = ParticipationFactory(action=launched, organisation=commune_a)
    with pytest.raises(ValidationError, match="décision du Bureau"):
        participation_withdraw(participation=participation, on=date(2023, 1, 1))


def test_a_rejecting_bureau_decision_does_not_allow_withdrawal(launched, commune_a, territory_a):
    participation = ParticipationFactory(action=launched, organisation=commune_a)
    decision = DecisionFactory(territory=territory_a, outcome="rejected")
    with pytest.raises(ValidationError):
        participation_withdraw(participation=participation, on=date(2023, 1, 1), decision=decision)


def test_a_decision_of_another_body_does_not_allow_withdrawal(launched, commune_a, territory_a):
    participation = ParticipationFactory(action=launched, organisation=commune_a)
    decision = DecisionFactory(territory=territory_a, body="council")
    with pytest.raises(ValidationError):
        participation_withdraw(participation=participation, on=date(2023, 1, 1), decision=decision)


def test_an_accepting_bureau_decision_allows_withdrawal_after_the_launch(launched, commune_a, territory_a):
    participation = ParticipationFactory(action=launched, organisation=commune_a)
    decision = DecisionFactory(territory=territory_a)
    participation = participation_withdraw(participation=participation, on=date(2023, 1, 1), decision=decision)
    assert (participation.until, participation.withdrawal_decision) == (date(2023, 1, 1), decision)


def test_a_decision_of_another_territory_does_not_count(launched, commune_a, territory_b):
    participation = ParticipationFactory(action=launched, organisation=commune_a)
    with pytest.raises(ValidationError):
        participation_withdraw(
            participation=participation, on=date(2023, 1, 1), decision=DecisionFactory(territory=territory_b)
        )


def test_an_organisation_may_join_again_after_withdrawing(action, commune_a):
    participation = ParticipationFactory(action=action, organisation=commune_a, since=date(2021, 3, 1))
    participation_withdraw(participation=participation, on=date(2021, 9, 1))
    assert participation_create(action=action, organisation=commune_a, since=date(2022, 1, 1)).pk


def test_participation_counts_per_period(action, territory_a):
    ParticipationFactory(action=action, organisation=OrganisationFactory(territory=territory_a), since=date(2022, 5, 1))
    assert action.participations.during(date(2022, 1, 1), date(2023, 1, 1)).count() == 1
    assert action.participations.during(date(2021, 1, 1), date(2022, 1, 1)).count() == 0
