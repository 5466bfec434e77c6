"""Help: a page per role, what the person can do and where, linked from every page."""

import pytest
from django.urls import reverse

from mutualis.territory.models import Role

pytestmark = pytest.mark.django_db

URL = reverse("portal:help")


@pytest.mark.parametrize("role", Role.values)
def test_each_role_has_its_help_page(login, eve, role):
    response = login(eve).get(URL, {"role": role})
    assert response.status_code == 200
    assert response.context["role"] == role


def test_the_help_shows_the_acting_role_by_default(login, bob, eve):
    assert login(bob).get(URL).context["role"] == Role.SECRETARY
    assert login(eve).get(URL).context["role"] == Role.COORDINATOR


def test_the_help_lists_the_places_the_role_reaches_and_only_those(login, bob):
    client = login(bob)
    for role in Role.values:
        for entry in client.get(URL, {"role": role}).context["places"]:
            for link in getattr(entry, "links", [entry]):
                assert link.hint, link.url_name
    coordinator = client.get(URL, {"role": Role.COORDINATOR}).content.decode()
    agent = client.get(URL, {"role": Role.AGENT}).content.decode()
    figures = reverse("portal:figures")
    assert f'href="{figures}"' in coordinator
    assert f'href="{figures}"' not in agent


def test_an_unknown_role_is_a_404(login, bob):
    assert login(bob).get(URL, {"role": "mayor"}).status_code == 404


@pytest.mark.parametrize("url_name", ["portal:home", "equipment:catalogue", "billing:charge_list"])
def test_every_page_links_to_the_help(login, alice, url_name):
    assert f'href="{URL}"' in login(alice).get(reverse(url_name)).content.decode()
