from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from mutualis.core.tests.worklist import shown
from mutualis.facilities import worklist
from mutualis.facilities.tests.factories import FacilityFactory, PlanFactory
from mutualis.territory.models import Role
from mutualis.territory.tests.factories import MembershipFactory, UserFactory


def test_inspections_due_wait_for_the_owner_staff_and_the_expertise_cell(commune_a, alice, bob, eve, charlie, oscar):
    plan = PlanFactory(facility=FacilityFactory(owner=commune_a), starts_on=timezone.localdate() - timedelta(days=3))
    PlanFactory(facility=FacilityFactory(owner=commune_a), starts_on=timezone.localdate() + timedelta(days=200))
    url = reverse("facilities:facility_detail", args=[plan.facility_id])
    for person in (alice, bob, eve):
        assert shown(worklist.inspections_due, person) == [url]
    assert shown(worklist.inspections_due, charlie) == []
    assert shown(worklist.inspections_due, oscar) == []


def test_a_communes_agent_has_no_inspection_to_do(commune_a):
    PlanFactory(facility=FacilityFactory(owner=commune_a))
    agent = UserFactory()
    MembershipFactory(user=agent, organisation=commune_a, role=Role.AGENT)
    assert shown(worklist.inspections_due, agent) == []


def test_overdue_inspections_say_so(commune_a, bob):
    PlanFactory(facility=FacilityFactory(owner=commune_a), starts_on=timezone.localdate() - timedelta(days=3))
    result = worklist.inspections_due(bob.memberships.get(), timezone.localdate())
    assert result.items[0].state == "En retard"
