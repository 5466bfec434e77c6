"""A person's memberships and menu are read once per change, not once per request, and never
served stale: a membership ended, a role changed, an organisation or a territory renamed show on
the very next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mutualis.territory.models import Membership, Role, Service
from mutualis.territory.services import membership_end
from mutualis.territory.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

FIGURES = "Chiffres du territoire"


def page(client, url_name: str = "portal:help") -> str:
    return client.get(reverse(url_name)).content.decode()


def test_ending_the_membership_acted_through_changes_the_menu_on_the_next_request(login, sam, commune_b, eve):
    MembershipFactory(user=sam, organisation=commune_b, role=Role.SECRETARY)
    client = login(sam)
    assert FIGURES in page(client)  # acting as the billing manager of the agglomeration
    membership_end(membership=sam.memberships.get(role=Role.SERVICE_MANAGER), ended_by=eve)
    assert FIGURES not in page(client)  # now the secretary of Foucherans


def test_a_role_changed_changes_the_menu_on_the_next_request(login, bob):
    client = login(bob)
    assert FIGURES not in page(client)
    membership = bob.memberships.get()
    membership.role, membership.service = Role.SERVICE_MANAGER, Service.BILLING
    membership.save()
    assert FIGURES in page(client)


def test_an_organisation_renamed_shows_its_new_name_on_the_next_request(login, bob, commune_a):
    client = login(bob)
    assert "Jouhe · " in page(client)
    commune_a.name = "Jouhe-sur-Doubs"
    commune_a.save()
    assert "Jouhe-sur-Doubs · " in page(client)


def test_a_territory_renamed_shows_its_new_name_on_the_next_request(login, bob, territory_a):
    client = login(bob)
    assert "Agglo A" in page(client)
    territory_a.short_name = "Grand A"
    territory_a.save()
    assert "<span>Grand A</span>" in page(client)


def test_a_signed_in_request_reads_only_the_session_and_the_user_once_the_seats_are_cached(login, bob):
    client = login(bob)
    client.get(reverse("core:health"))
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("core:health"))
    assert [query["sql"].split('"')[1] for query in queries] == ["django_session", "accounts_user"]


def test_a_page_extending_the_base_template_costs_three_queries(login, bob):
    """The session, the user and the unread notifications' count: the menu and the memberships
    come from the cache."""
    client = login(bob)
    client.get("/page-inexistante/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/page-inexistante/")
    assert response.status_code == 404 and "Se déconnecter" in response.content.decode()
    assert len(queries) == 3


def test_the_seats_are_cached_per_person(login, bob, alice):
    assert "Jouhe · Secrétaire de mairie" in page(login(bob))
    assert "Jouhe · Maire, président·e ou délégué·e" in page(login(alice))
    assert Membership.objects.filter(user__in=[alice, bob]).count() == 2
