import pytest
from django.urls import reverse

from mutualis.core import navigation

pytestmark = pytest.mark.django_db


def menu_labels(response) -> list[str]:
    labels = []
    for entry in response.context["menu"]:
        labels += [str(link.label) for link in getattr(entry, "links", [entry])]
    return labels


def test_the_menu_offers_only_pages_the_persona_may_open(login, alice, eve):
    for persona in (alice, eve):
        response = login(persona).get(reverse("portal:home"), follow=True)
        for entry in response.context["menu"]:
            for link in getattr(entry, "links", [entry]):
                assert login(persona).get(link.url, follow=True).status_code == 200, (persona, link.url_name)


def test_a_page_whose_permission_the_persona_lacks_is_not_offered(login, bob, eve, monkeypatch):
    monkeypatch.setattr(
        navigation, "MENU", [*navigation.MENU, navigation.Link("Import des communes", "territory:import_upload")]
    )
    assert "Import des communes" in menu_labels(login(eve).get(reverse("portal:home"), follow=True))
    assert "Import des communes" not in menu_labels(login(bob).get(reverse("portal:home"), follow=True))


def test_the_current_section_is_marked(login, eve):
    response = login(eve).get(reverse("equipment:catalogue"))
    assert 'aria-current="true">Matériel partagé' in response.content.decode()


def test_anonymous_visitors_get_no_menu(client):
    response = client.get(reverse("accounts:login"))
    assert list(response.context["menu"]) == []
