"""Assigning agents: the period, the rules, and never beyond an agent's working time."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from mutualis.agreements.models import Convention, Instrument
from mutualis.replacement.services import (
    assignment_create,
    preference_set,
    request_cancel,
    unavailability_add,
)
from mutualis.replacement.tests.factories import AgentFactory, in_days


def assign(request, agent, by, start=None, end=None, hours="20"):
    return assignment_create(
        request=request, agent=agent, start=start or request.start, end=end or request.end,
        weekly_hours=Decimal(hours), by=by,
    )  # fmt: skip


def test_an_assignment_generates_its_secondment_convention(ask, nadia, remy, commune_a, epci_a):
    assignment = assign(ask(), nadia, remy)
    convention = Convention.objects.get(pk=assignment.convention_id)
    assert convention.instrument == Instrument.INDIVIDUAL_SECONDMENT
    assert convention.source == assignment
    assert convention.organisation_ids() == {commune_a.pk, epci_a.pk}
    assert "Nadia Lambert" in convention.body and "25,00 € de l'heure" in convention.body


def test_several_agents_one_after_another(ask, nadia, remy, commune_b):
    request = ask(start=in_days(7), end=in_days(35))
    other = AgentFactory(home=commune_b)
    assign(request, nadia, remy, end=in_days(21))
    assign(request, other, remy, start=in_days(21))
    assert request.assignments.count() == 2


def test_an_assignment_stays_within_the_request(ask, nadia, remy):
    request = ask()
    with pytest.raises(ValidationError, match="période de la demande"):
        assign(request, nadia, remy, end=request.end + (request.end - request.start))


def test_a_mission_lasts_six_months_at_most(ask, nadia, remy):
    request = ask(start=in_days(7), end=None)
    with pytest.raises(ValidationError, match="6 mois au plus"):
        assign(request, nadia, remy, end=in_days(7 + 200))


def test_an_agent_is_not_committed_beyond_her_working_time(ask, nadia, remy):
    first, second = ask(), ask()
    assign(first, nadia, remy, hours="20")
    with pytest.raises(ValidationError, match="dépasserait son temps de travail"):
        assign(second, nadia, remy, hours="20")


def test_two_missions_that_fit_her_working_time_are_accepted(ask, nadia, remy):
    assign(ask(), nadia, remy, hours="20")
    assign(ask(), nadia, remy, hours="15")
    assert nadia.assignments.count() == 2


def test_missions_one_after_another_do_not_add_up(ask, nadia, remy):
    assign(ask(start=in_days(7), end=in_days(14)), nadia, remy, hours="30")
    assign(ask(start=in_days(14), end=in_days(21)), nadia, remy, hours="30")
    assert nadia.assignments.count() == 2


def test_a_cancelled_mission_frees_the_hours(ask, nadia, remy, bob):
    request = ask()
    assign(request, nadia, remy, hours="30")
    request_cancel(request=request, by=bob)
    assign(ask(), nadia, remy, hours="30")


def test_an_agent_on_leave_cannot_be_assigned(ask, nadia, remy):
    unavailability_add(agent=nadia, kind="leave", start=in_days(10), end=in_days(12))
    with pytest.raises(ValidationError, match="indisponible"):
        assign(ask(), nadia, remy)


def test_an_excluded_agent_cannot_be_assigned(ask, nadia, remy, commune_a):
    preference_set(organisation=commune_a, agent=nadia, kind="excluded")
    with pytest.raises(ValidationError, match="écarté"):
        assign(ask(), nadia, remy)


def test_an_inactive_agent_cannot_be_assigned(ask, nadia, remy):
    nadia.is_active = False
    nadia.save()
    with pytest.raises(ValidationError, match="en activité"):
        assign(ask(), nadia, remy)


def test_a_cancelled_request_takes_no_agent(ask, nadia, remy, bob):
    request = ask()
    request_cancel(request=request, by=bob)
    with pytest.raises(ValidationError, match="n'attend plus"):
        assign(request, nadia, remy)
