from decimal import Decimal

from django.urls import reverse
from django.utils import timezone


def test_coordinator_sees_the_territory_figures(login, eve, commune_a, commune_b):
    response = login(eve).get(reverse("portal:home"))
    assert response.status_code == 200
    sections = {label: {f.label: f.value for f in figures} for _title, label, figures in response.context["sections"]}
    figures = sections["territory"]
    assert figures["Organisations membres : Commune"] == 2
    assert figures["Organisations membres"] == 3


def test_secretary_lands_on_her_organisation(login, bob, commune_a):
    response = login(bob).get(reverse("portal:home"))
    assert response["Location"] == reverse("territory:organisation_detail", args=[commune_a.pk])


def test_user_without_membership_is_refused(client, db):
    from mutualis.territory.tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(reverse("portal:home")).status_code == 403


def test_page_title_names_page_product_and_territory(login, eve):
    content = login(eve).get(reverse("portal:home")).content.decode()
    assert "<title>Accueil – Mutualis – Agglo A</title>" in content
    assert 'href="#contenu"' in content


def test_health_is_public(client, db):
    assert client.get(reverse("core:health")).content == b"ok"


def test_not_found_page_is_in_french_inside_the_site(login, eve):
    response = login(eve).get("/territoire/organisations/999999/")
    assert response.status_code == 404
    assert "Page introuvable – Mutualis" in response.content.decode()


def test_forbidden_page_explains_the_role(login, bob):
    response = login(bob).get(reverse("territory:import_upload"))
    assert response.status_code == 403
    assert "Votre rôle ne permet pas cette action" in response.content.decode()


def test_figures_are_grouped_by_service_and_written_the_french_way(login, eve, commune_a):
    from mutualis.billing.tests.factories import ChargeFactory

    ChargeFactory(
        organisation=commune_a, quantity=Decimal("1"), unit_price=Decimal("1234.5"), date=timezone.localdate()
    )
    content = login(eve).get(reverse("portal:home")).content.decode()
    assert "<caption>Matériel partagé</caption>" in content
    assert "1 234,50" in content or "1\u202f234,50" in content or "1\xa0234,50" in content
