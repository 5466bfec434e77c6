"""The page where a person makes, copies and revokes their calendar links."""

import pytest
from django.urls import reverse

from mutualis.calendars.models import FeedToken
from mutualis.calendars.services import feed_token_create
from mutualis.replacement.tests.factories import AgentFactory

pytestmark = pytest.mark.django_db


def test_a_secretary_is_offered_her_communes_loans_and_her_trainings(login, bob):
    response = login(bob).get(reverse("calendars:list"))
    kinds = [offer.feed.kind for offer in response.context["offers"]]
    assert kinds == ["equipment.loans", "network.trainings"]
    assert "ajouter un calendrier par URL" in response.content.decode()


@pytest.fixture
def pool_agent(agent_user, epci_a):
    AgentFactory(home=epci_a, user=agent_user)
    return agent_user


def test_an_agent_of_the_pool_is_offered_their_missions(login, pool_agent):
    response = login(pool_agent).get(reverse("calendars:list"))
    assert "replacement.missions" in [offer.feed.kind for offer in response.context["offers"]]


def test_an_agent_finds_the_calendars_from_their_missions(login, pool_agent, bob):
    link = reverse("calendars:list")
    assert link in login(pool_agent).get(reverse("replacement:assignment_list")).content.decode()
    assert link not in login(bob).get(reverse("replacement:assignment_list")).content.decode()


def test_creating_a_link_shows_its_address(login, bob, commune_a):
    client = login(bob)
    response = client.post(reverse("calendars:create"), {"kind": "equipment.loans"}, follow=True)
    link = FeedToken.objects.get(user=bob)
    assert link.organisation == commune_a
    assert len(link.token) >= 43
    assert f"http://127.0.0.1:8000/calendriers/{link.token}.ics" in response.content.decode()


def test_a_second_link_to_the_same_calendar_is_refused(login, bob, commune_a):
    feed_token_create(user=bob, kind="equipment.loans", organisation=commune_a)
    response = login(bob).post(reverse("calendars:create"), {"kind": "equipment.loans"}, follow=True)
    assert FeedToken.objects.filter(user=bob).count() == 1
    assert "déjà un lien" in response.content.decode()


def test_a_calendar_not_offered_cannot_be_made(login, bob):
    login(bob).post(reverse("calendars:create"), {"kind": "replacement.missions"})
    assert not FeedToken.objects.exists()


def test_revoking_a_link_ends_it(login, bob, commune_a):
    link = feed_token_create(user=bob, kind="equipment.loans", organisation=commune_a)
    login(bob).post(reverse("calendars:revoke", args=[link.pk]))
    link.refresh_from_db()
    assert link.is_revoked
    assert login(bob).get(reverse("calendars:feed", kwargs={"token": link.token})).status_code == 410


def test_another_persons_link_cannot_be_revoked(login, alice, bob, commune_a):
    link = feed_token_create(user=bob, kind="equipment.loans", organisation=commune_a)
    assert login(alice).post(reverse("calendars:revoke", args=[link.pk])).status_code == 404
    link.refresh_from_db()
    assert not link.is_revoked


def test_the_page_needs_as_many_queries_with_one_link_as_with_three(login, bob, commune_a, query_count):
    client = login(bob)
    feed_token_create(user=bob, kind="equipment.loans", organisation=commune_a)
    one = query_count(lambda: client.get(reverse("calendars:list")))
    feed_token_create(user=bob, kind="network.trainings")
    assert query_count(lambda: client.get(reverse("calendars:list"))) == one
