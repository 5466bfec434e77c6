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


def breadcrumbs(response) -> str:
    html = response.content.decode()
    start = html.find('<nav class="container breadcrumbs"')
    return "" if start < 0 else html[start : html.index("</nav>", start)]


def test_the_home_has_no_breadcrumbs(login, alice):
    assert breadcrumbs(login(alice).get(reverse("portal:home"))) == ""


def test_a_menu_entry_s_page_ends_the_breadcrumbs_with_that_entry(login, eve):
    trail = breadcrumbs(login(eve).get(reverse("equipment:catalogue")))
    assert 'aria-label="Fil d\'Ariane"' in trail
    assert f'<a href="{reverse("portal:home")}">Accueil</a>' in trail
    assert "<li>Services</li>" in trail
    assert '<li aria-current="page">Matériel partagé</li>' in trail


def test_a_page_below_a_menu_entry_ends_with_its_own_title(login, eve):
    trail = breadcrumbs(login(eve).get(reverse("equipment:category_list")))
    assert f'<a href="{reverse("equipment:catalogue")}">Matériel partagé</a>' in trail
    assert '<li aria-current="page">Catégories de matériel</li>' in trail


def test_a_page_outside_the_menu_hangs_from_the_home(login, alice):
    trail = breadcrumbs(login(alice).get(reverse("portal:help")))
    assert f'<a href="{reverse("portal:home")}">Accueil</a>' in trail
    assert '<li aria-current="page">Aide – Maire, président·e ou délégué·e</li>' in trail


def test_a_portal_page_is_not_taken_for_the_figures(login, eve):
    assert "Chiffres du territoire" not in breadcrumbs(login(eve).get(reverse("portal:help")))


def test_visitors_before_login_get_no_breadcrumbs(client):
    assert breadcrumbs(client.get(reverse("accounts:login"))) == ""
