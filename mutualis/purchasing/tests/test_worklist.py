from django.urls import reverse

from mutualis.core.tests.worklist import shown
from mutualis.purchasing import worklist
from mutualis.purchasing.models import Answer
from mutualis.purchasing.tests.factories import ConsultationFactory
from mutualis.territory.models import Role
from mutualis.territory.tests.factories import MembershipFactory, UserFactory


def census_url(consultation) -> str:
    return reverse("purchasing:needs_declare", args=[consultation.pk])


def test_member_staff_have_the_open_census_to_fill(consultation, alice, bob):
    assert shown(worklist.census_to_fill, alice) == [census_url(consultation)]
    assert shown(worklist.census_to_fill, bob) == [census_url(consultation)]


def test_an_answered_census_leaves_the_list(consultation, bob, commune_a):
    Answer.objects.create(consultation=consultation, organisation=commune_a, answered_by=bob)
    assert shown(worklist.census_to_fill, bob) == []


def test_agents_non_members_and_other_territories_have_no_census(consultation, commune_a, oscar, eve):
    agent = UserFactory()
    MembershipFactory(user=agent, organisation=commune_a, role=Role.AGENT)
    outsider = MembershipFactory(organisation__territory=commune_a.territory, role=Role.ORG_MANAGER).user
    assert shown(worklist.census_to_fill, agent) == []
    assert shown(worklist.census_to_fill, outsider) == []
    assert shown(worklist.census_to_fill, oscar) == []
    assert shown(worklist.census_to_fill, eve) == []


def test_launched_consultations_are_news_for_the_territory(territory_a, bob, oscar):
    launched = ConsultationFactory(territory=territory_a, launched=True)
    ConsultationFactory(territory=territory_a)
    url = reverse("purchasing:consultation_detail", args=[launched.pk])
    assert shown(worklist.launched, bob) == [url]
    assert shown(worklist.launched, oscar) == []
