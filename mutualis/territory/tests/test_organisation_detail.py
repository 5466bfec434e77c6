from django.urls import reverse

from mutualis.territory.models import Role
from mutualis.territory.tests.factories import MembershipFactory


def detail_url(organisation) -> str:
    return reverse("territory:organisation_detail", args=[organisation.pk])


def test_page_shows_identity_people_and_roles(login, bob, alice, commune_a):
    response = login(bob).get(detail_url(commune_a))
    content = response.content.decode()
    assert response.status_code == 200
    assert "39270" in content
    assert "Alice Persona" in content
    assert "Maire, président·e ou délégué·e" in content


def test_other_territory_gets_404(login, oscar, commune_a):
    assert login(oscar).get(detail_url(commune_a)).status_code == 404


def test_member_of_another_commune_sees_the_page_but_not_its_history(login, charlie, commune_a):
    response = login(charlie).get(detail_url(commune_a))
    assert response.status_code == 200
    assert response.context["history"] is None
    history_url = reverse("territory:organisation_history", args=[commune_a.pk])
    assert login(charlie).get(history_url).status_code == 403


def test_history_shows_who_changed_what(login, eve, bob, commune_a):
    login(bob).post(
        reverse("territory:organisation_edit", args=[commune_a.pk]),
        {"email": "mairie@jouhe.example", "phone": "03 84 00 00 01", "address": ""},
    )
    response = login(eve).get(reverse("territory:organisation_history", args=[commune_a.pk]))
    entry = next(e for e in response.context["page"] if e.changes)
    assert entry.user == bob
    assert [(c.field, c.old, c.new) for c in entry.changes if c.field == "courriel"] == [
        ("courriel", "—", "mairie@jouhe.example")
    ]


def test_secretary_edits_only_contacts_of_her_commune(login, bob, commune_a):
    client = login(bob)
    response = client.post(
        reverse("territory:organisation_edit", args=[commune_a.pk]),
        {"email": "mairie@jouhe.example", "phone": "", "address": "1 place de la Mairie", "population": "1"},
    )
    assert response.status_code == 302
    commune_a.refresh_from_db()
    assert commune_a.email == "mairie@jouhe.example"
    assert commune_a.population == 531


def test_secretary_cannot_edit_another_commune(login, bob, commune_b):
    response = login(bob).post(reverse("territory:organisation_edit", args=[commune_b.pk]), {"email": "x@example.org"})
    assert response.status_code == 403
    commune_b.refresh_from_db()
    assert commune_b.email == ""


def test_coordinator_edits_population_and_sector(login, eve, commune_a, territory_a):
    response = login(eve).post(
        reverse("territory:organisation_edit", args=[commune_a.pk]),
        {
            "name": "Jouhe",
            "kind": "commune",
            "insee_code": "39270",
            "siren": commune_a.siren,
            "postal_code": "39100",
            "population": "540",
            "sector": "",
            "is_active": "on",
            "email": "",
            "phone": "",
            "address": "",
        },  # fmt: skip
    )
    assert response.status_code == 302
    commune_a.refresh_from_db()
    assert (commune_a.population, commune_a.sector) == (540, None)


def test_query_count_does_not_grow_with_members(login, eve, commune_a, query_count):
    client = login(eve)
    MembershipFactory(organisation=commune_a, role=Role.SECRETARY)
    with_one = query_count(lambda: client.get(detail_url(commune_a)))
    MembershipFactory.create_batch(49, organisation=commune_a, role=Role.AGENT)
    assert query_count(lambda: client.get(detail_url(commune_a))) == with_one
