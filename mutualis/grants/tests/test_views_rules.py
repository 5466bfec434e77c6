from django.urls import reverse

from mutualis.grants.models import DocumentKind, ProjectKind, Rules

LIST = reverse("grants:rules_list")
CREATE = reverse("grants:rules_create")

FORM = {
    "year": "2027",
    "rate": "50",
    "file_ceiling": "10 000",
    "minimum_amount": "400",
    "envelope_scope": "",
    "envelope_amount": "",
    "filing_closes_on": "2027-06-30",
    "works_start_months": "24",
    "advance_rate": "30",
    "reminder_days": "60",
}


def test_every_member_reads_the_years_rules(login, charlie, rules_2026):
    page = login(charlie).get(LIST).content.decode()
    assert "Règlement 2026" in page
    assert "Bâtiments scolaires" in page
    assert CREATE not in page


def test_the_coordination_sets_a_years_rules_with_checkboxes(login, eve, school_works):
    data = {
        **FORM,
        "eligible_kinds": [school_works.pk],
        "required_documents": [DocumentKind.DELIBERATION, DocumentKind.QUOTES],
    }
    assert login(eve).post(CREATE, data).status_code == 302
    rules = Rules.objects.get(year=2027)
    assert list(rules.eligible_kinds.all()) == [school_works]
    assert rules.required_documents == [DocumentKind.DELIBERATION, DocumentKind.QUOTES]


def test_a_year_has_one_set_of_rules(login, eve, rules_2026):
    response = login(eve).post(CREATE, {**FORM, "year": "2026"})
    assert response.status_code == 400
    assert "existe déjà" in response.content.decode()


def test_an_envelope_needs_its_amount(login, eve, territory_a):
    response = login(eve).post(CREATE, {**FORM, "envelope_scope": "commune"})
    assert response.status_code == 400
    assert not Rules.objects.exists()


def test_the_rules_are_changed(login, eve, rules_2026, school_works):
    url = reverse("grants:rules_edit", args=[rules_2026.pk])
    login(eve).post(url, {**FORM, "year": "2026", "file_ceiling": "12000", "eligible_kinds": [school_works.pk]})
    rules_2026.refresh_from_db()
    assert rules_2026.file_ceiling == 12000


def test_a_commune_does_not_set_the_rules(login, alice, rules_2026):
    assert login(alice).get(reverse("grants:rules_edit", args=[rules_2026.pk])).status_code == 403


def test_the_coordination_adds_a_project_kind_once(login, eve, territory_a):
    client = login(eve)
    client.post(reverse("grants:project_kind_create"), {"name": "Voirie"})
    response = client.post(reverse("grants:project_kind_create"), {"name": "voirie"})
    assert response.status_code == 400
    assert "existe déjà" in response.content.decode()
    assert ProjectKind.objects.filter(territory=territory_a).count() == 1
