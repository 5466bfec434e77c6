from django.urls import reverse


def test_coordinator_sees_the_territory_figures(login, eve, commune_a, commune_b):
    response = login(eve).get(reverse("core:home"))
    assert response.status_code == 200
    figures = dict(response.context["figures"])
    assert figures["Organisations membres : Commune"] == 2
    assert figures["Organisations membres"] == 3


def test_secretary_lands_on_her_organisation(login, bob, commune_a):
    response = login(bob).get(reverse("core:home"))
    assert response["Location"] == reverse("territory:organisation_detail", args=[commune_a.pk])


def test_user_without_membership_is_refused(client, db):
    from mutualis.territory.tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(reverse("core:home")).status_code == 403


def test_page_title_names_page_product_and_territory(login, eve):
    content = login(eve).get(reverse("core:home")).content.decode()
    assert "<title>Accueil – Mutualis – Agglo A</title>" in content
    assert 'href="#contenu"' in content


def test_health_is_public(client, db):
    assert client.get(reverse("core:health")).content == b"ok"
