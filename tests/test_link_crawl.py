"""Nobody is offered a page they may not open: every link of a persona's home and menu answers.

The URL walk's rows (`tests/test_url_walk.py` samples) give each service something waiting, asked
or new, so the home shows its links. Each persona opens the home, collects every link to a page of
the site (home and menu alike: the menu is in every page), and follows each: none may answer 403,
404 or 500. Downloads (`?format=`, files) are left to their own tests.
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from mutualis.territory.models import Role, Service
from mutualis.territory.tests.factories import MembershipFactory, UserFactory
from tests import test_url_walk

walk_samples = test_url_walk.samples

SKIPPED = ("/comptes/deconnexion/", "/fichiers/", "/static/", "/media/")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and "download" not in attributes and attributes.get("href"):
            self.hrefs.add(attributes["href"])


def site_links(html: str) -> set[str]:
    parser = Links()
    parser.feed(html)
    links = set()
    for href in parser.hrefs:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/") or "format=" in parts.query:
            continue
        if not parts.path.startswith(SKIPPED):
            links.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return links


@pytest.fixture
def personas(alice, bob, charlie, eve, sam, ed, commune_a, epci_a):
    agent = UserFactory(email="agent@example.org")
    MembershipFactory(user=agent, organisation=commune_a, role=Role.AGENT)
    managers = []
    for service in (Service.REPLACEMENT, Service.HELPDESK, Service.PURCHASING):
        manager = UserFactory(email=f"{service}@example.org")
        MembershipFactory(user=manager, organisation=epci_a, role=Role.SERVICE_MANAGER, service=service)
        managers.append(manager)
    return [alice, bob, charlie, eve, sam, ed, agent, *managers]


def test_every_link_of_each_persona_s_home_and_menu_opens(client, walk_samples, personas):
    refused = []
    for persona in personas:
        client.force_login(persona)
        home = client.get(reverse("portal:home"))
        assert home.status_code == 200, persona.email
        for link in sorted(site_links(home.text)):
            status = client.get(link, follow=True).status_code
            if status != 200:
                refused.append(f"{persona.email}: {link} → {status}")
    assert refused == []


def test_the_crawl_sees_the_menu_and_the_waiting_items(client, walk_samples, eve):
    client.force_login(eve)
    links = site_links(client.get(reverse("portal:home")).text)
    assert reverse("territory:organisation_list") in links
    assert len(links) > 15
