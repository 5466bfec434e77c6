"""The home runs as many queries with 50 waiting items per service as with 1 (DESIGN.md,
"Pages do a bounded number of queries")."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from mutualis.agreements.models import Status
from mutualis.agreements.tests.factories import ConventionFactory
from mutualis.commonservices.tests.conftest import join
from mutualis.commonservices.tests.factories import CommonServiceFactory
from mutualis.core.worklist import Kind, registry
from mutualis.equipment.models import RequestStatus
from mutualis.equipment.tests import factories as equipment
from mutualis.facilities.tests.factories import FacilityFactory, PlanFactory
from mutualis.grants.models import Status as GrantStatus
from mutualis.grants.tests.factories import ApplicationFactory, RulesFactory
from mutualis.helpdesk.models import Status as QuestionStatus
from mutualis.helpdesk.tests import factories as helpdesk
from mutualis.network.models import NewsStatus
from mutualis.network.tests import factories as network
from mutualis.purchasing.tests.factories import ClubAdhesionFactory, ConsultationFactory
from mutualis.replacement.tests import factories as replacement
from mutualis.steering.tests.factories import ActionFactory, MilestoneFactory, SchemeFactory
from mutualis.surveys.models import SurveyStatus
from mutualis.surveys.tests.factories import InvitationFactory, SurveyFactory
from mutualis.territory.models import Membership, Role
from mutualis.territory.tests.factories import MembershipFactory, UserFactory
from mutualis.workshops.tests.factories import SessionFactory, in_days


@pytest.fixture
def pool_agent(epci_a, territory_a):
    user = UserFactory(email="agent@example.org")
    MembershipFactory(user=user, organisation=epci_a, role=Role.AGENT)
    return replacement.AgentFactory(home=epci_a, user=user)


@pytest.fixture
def add_items(territory_a, epci_a, commune_a, commune_b, alice, pool_agent):
    """`add_items(n)`: n more items in every list of alice (mayor of A), eve (coordinator) and the pool's agent."""
    ClubAdhesionFactory(organisation=commune_a)
    action = ActionFactory(scheme=SchemeFactory(territory=territory_a))
    grant_rules = RulesFactory(territory=territory_a)
    today = timezone.localdate()
    last_monday = today - timedelta(days=today.weekday() + 7)
    censuses = iter(range(2000, 2100))

    def add(n: int) -> None:
        for _ in range(n):
            # The agents' network: a census to answer, a certificate to renew, news to moderate and to read.
            network.CensusFactory(territory=territory_a, year=next(censuses))
            agent = network.ProfileFactory(organisation=commune_a)
            network.CertificateFactory(profile=agent, issued_on=today - timedelta(days=700),
                                       valid_until=today + timedelta(days=30))  # fmt: skip
            network.NewsFactory(organisation=commune_a, status=NewsStatus.PENDING, published_at=None)
            network.NewsFactory(organisation=epci_a)
            # Shared equipment: to decide, to hand over, proposals, and the commune's own requests.
            equipment.RequestFactory(item=equipment.ItemFactory(owner=commune_a), borrower=commune_b)
            equipment.LoanFactory(
                request=equipment.RequestFactory(
                    item=equipment.ItemFactory(owner=commune_a),
                    borrower=commune_b,
                    start=today + timedelta(days=2),
                    status=RequestStatus.ACCEPTED,
                )
            )
            item_b = equipment.ItemFactory(owner=commune_b)
            equipment.RequestFactory(item=item_b, borrower=commune_a)
            equipment.RequestFactory(
                item=None, owner=None, category=item_b.category, borrower=commune_a, status=RequestStatus.PROPOSED
            )
            # Replacement: requests, timesheets, missions starting, hours to record.
            replacement.RequestFactory(organisation=commune_a)
            replacement.TimesheetFactory(assignment=replacement.AssignmentFactory(request__organisation=commune_a))
            replacement.AssignmentFactory(
                request__organisation=commune_a, request__start=today + timedelta(days=1), agent=pool_agent
            )
            replacement.AssignmentFactory(request__organisation=commune_a, request__start=last_monday, agent=pool_agent)
            # Conventions to sign, to send, signed lately.
            ConventionFactory(territory=territory_a, status=Status.SENT, parties=[epci_a, commune_a])
            ConventionFactory(territory=territory_a, parties=[epci_a, commune_a])
            ConventionFactory(territory=territory_a, signed=True, signed_on=today, parties=[epci_a, commune_a])
            # Expertise desk.
            helpdesk.RequestFactory(organisation=commune_a)
            helpdesk.RequestFactory(organisation=commune_a, status=QuestionStatus.IN_PROGRESS)
            helpdesk.RequestFactory(organisation=commune_a, status=QuestionStatus.RESOLVED, resolved_at=timezone.now())
            helpdesk.ArticleFactory(territory=territory_a)
            # Purchasing, facilities, surveys, trainings, milestones.
            ConsultationFactory(territory=territory_a, census=True)
            ConsultationFactory(territory=territory_a, launched=True)
            PlanFactory(facility=FacilityFactory(owner=commune_a))
            InvitationFactory(survey__territory=territory_a, membership=Membership.objects.get(user=alice), user=alice)
            SurveyFactory(territory=territory_a, status=SurveyStatus.CLOSED, closed_at=timezone.now())
            MilestoneFactory(action=action, due_start=today, due_end=today + timedelta(days=5))
            # Fonds de concours: the commune's files in every state, a grant whose works started.
            for grant_status in (GrantStatus.DRAFT, GrantStatus.INCOMPLETE, GrantStatus.SUBMITTED,
                                 GrantStatus.SCHEDULED, GrantStatus.GRANTED):  # fmt: skip
                ApplicationFactory(rules=grant_rules, organisation=commune_a, status=grant_status)
            ApplicationFactory(rules=grant_rules, organisation=commune_a, status=GrantStatus.GRANTED,
                               works_started_on=today)  # fmt: skip
            # Services communs: joined since last year, no unit for the last quarter, last year unsettled.
            join(CommonServiceFactory(territory=territory_a), commune_a, 10, start=date(today.year - 1, 1, 1))
            # Digital workshops: yesterday's, whose attendance is to record.
            SessionFactory(series__organisation=commune_a, starts_at=in_days(-1), ends_at=in_days(-1, hour=16))

    return add


def test_home_queries_do_not_grow_with_the_items(client, add_items, alice, eve, pool_agent, query_count):
    url = reverse("portal:home")
    people = {"alice": alice, "eve": eve, "agent": pool_agent.user}

    def counts() -> dict[str, int]:
        result = {}
        for name, user in people.items():
            client.force_login(user)
            client.get(url)  # the session settled
            cache.clear()  # the lists computed, not read from the cache
            result[name] = query_count(lambda: client.get(url))
        return result

    add_items(1)
    with_one = counts()
    add_items(49)
    with_fifty = counts()
    assert with_fifty == with_one

    # Every list of the registry was measured: each shows at least its 50 items to one of the three.
    shown = {}
    for user in people.values():
        client.force_login(user)
        for kind in Kind:
            for section in client.get(url).context[kind.value]:
                shown.update({entry.key: entry.count for entry in section.entries})
    assert set(shown) == set(registry)
    assert min(shown.values()) >= 50
