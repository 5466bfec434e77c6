"""Who sees what inside a commune (README, "Qui voit quoi dans une commune").

The mayor and the secretary handle the commune's own affairs: what it pays (charges and its
statement), its requests to the expertise desk, and its replacement requests, whose motive is
a colleague's absence. An agent works on the ground: the equipment the commune borrows and
lends, its facilities to inspect, the shared catalogue; not the commune's money nor the reasons
of a colleague's absence.
"""

import pytest

from mutualis.billing.tests.factories import ChargeFactory
from mutualis.equipment.tests.factories import LoanFactory
from mutualis.equipment.tests.factories import RequestFactory as EquipmentRequestFactory
from mutualis.facilities.tests.factories import FacilityFactory
from mutualis.helpdesk.tests.factories import RequestFactory as HelpdeskRequestFactory
from mutualis.replacement.tests.factories import AssignmentFactory
from mutualis.replacement.tests.factories import RequestFactory as ReplacementRequestFactory
from mutualis.territory.models import Role
from mutualis.territory.scopes import sees
from mutualis.territory.tests.factories import MembershipFactory

STAFF_ONLY = {
    "a charge": lambda commune: ChargeFactory(organisation=commune),
    "an expertise request": lambda commune: HelpdeskRequestFactory(organisation=commune),
    "a replacement request": lambda commune: ReplacementRequestFactory(organisation=commune),
    "a replacement mission": lambda commune: AssignmentFactory(request__organisation=commune),
}
EVERY_MEMBER = {
    "a loan to the commune": lambda commune: LoanFactory(
        request=EquipmentRequestFactory(borrower=commune, status="accepted")
    ),
    "a facility of the commune": lambda commune: FacilityFactory(owner=commune),
}


def member(commune, role):
    return MembershipFactory(organisation=commune, role=role).user


@pytest.mark.django_db
@pytest.mark.parametrize("kind", STAFF_ONLY)
@pytest.mark.parametrize("role", [Role.ORG_MANAGER, Role.SECRETARY, Role.AGENT])
def test_the_communes_own_affairs_are_for_its_mayor_and_secretary(commune_a, kind, role):
    row = STAFF_ONLY[kind](commune_a)
    user = member(commune_a, role)
    expected = role != Role.AGENT
    assert sees(user, row) is expected
    assert type(row).objects.visible_to(user).filter(pk=row.pk).exists() is expected


@pytest.mark.django_db
@pytest.mark.parametrize("kind", EVERY_MEMBER)
def test_an_agent_sees_the_communes_work_on_the_ground(commune_a, kind):
    row = EVERY_MEMBER[kind](commune_a)
    agent = member(commune_a, Role.AGENT)
    assert sees(agent, row)
    assert type(row).objects.visible_to(agent).filter(pk=row.pk).exists()
