"""Who sees which facility: the owner's members and the expertise cell, never another commune
nor another territory."""

import pytest

from mutualis.facilities.models import Facility, Inspection, InspectionPlan
from mutualis.facilities.tests.factories import InspectionFactory, PlanFactory
from mutualis.territory.models import Role
from mutualis.territory.tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def rows(goal):
    return {Facility: goal, InspectionPlan: PlanFactory(facility=goal), Inspection: InspectionFactory(facility=goal)}


@pytest.mark.parametrize("model", [Facility, InspectionPlan, Inspection])
@pytest.mark.parametrize("persona", ["alice", "bob", "eve", "hugo"])
def test_the_owner_and_the_expertise_cell_see_the_facility_and_its_register(request, rows, model, persona):
    assert rows[model] in model.objects.visible_to(request.getfixturevalue(persona))


@pytest.mark.parametrize("model", [Facility, InspectionPlan, Inspection])
@pytest.mark.parametrize("persona", ["charlie", "ed", "oscar"])
def test_another_commune_another_service_and_another_territory_see_nothing(request, rows, model, persona):
    assert not model.objects.visible_to(request.getfixturevalue(persona)).exists()


def test_an_agent_of_the_owner_sees_but_may_not_change_the_facility(goal, commune_a):
    agent = UserFactory()
    MembershipFactory(user=agent, organisation=commune_a, role=Role.AGENT)
    assert agent.has_perm("facilities.view_facility", goal)
    assert not agent.has_perm("facilities.change_facility", goal)
    assert not agent.has_perm("facilities.inspect_facility", goal)


@pytest.mark.parametrize("persona", ["bob", "hugo", "eve"])
def test_the_owner_staff_and_the_cell_may_inspect(request, goal, persona):
    assert request.getfixturevalue(persona).has_perm("facilities.inspect_facility", goal)


@pytest.mark.parametrize(("persona", "allowed"), [("hugo", True), ("eve", True), ("alice", False), ("ed", False)])
def test_only_the_cell_sees_the_dashboard(request, territory_a, persona, allowed):
    assert request.getfixturevalue(persona).has_perm("facilities.view_dashboard", territory_a) is allowed
