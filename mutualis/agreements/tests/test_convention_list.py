import csv
import io

import openpyxl
import pytest
import tablib
from django.template.loader import render_to_string
from django.urls import reverse

from mutualis.agreements.models import Convention, Instrument, Status
from mutualis.agreements.tests.factories import ConventionFactory

URL = reverse("agreements:convention_list")


def titles(response) -> list[str]:
    return [convention.title for convention in response.context["page"]]


@pytest.fixture
def others(territory_a, epci_a, commune_b):
    return [
        ConventionFactory(territory=territory_a, title="Groupement fournitures", instrument=Instrument.JOINT_PURCHASING,
                          parties=[epci_a, commune_b]),
        ConventionFactory(territory=territory_a, title="Service commun ADS", instrument=Instrument.COMMON_SERVICE,
                          parties=[epci_a, commune_b], status=Status.SENT),
    ]  # fmt: skip


def test_filter_by_status(login, eve, convention, others):
    assert titles(login(eve).get(URL, {"status": Status.SENT})) == ["Service commun ADS"]


def test_filter_by_instrument(login, eve, convention, others):
    assert titles(login(eve).get(URL, {"instrument": Instrument.JOINT_PURCHASING})) == ["Groupement fournitures"]


def test_filter_by_organisation(login, eve, convention, others, commune_a):
    assert titles(login(eve).get(URL, {"organisation": commune_a.pk})) == ["Prêt de la remorque porte-engins"]


def test_search_in_title_ignores_case(login, eve, convention, others):
    assert titles(login(eve).get(URL, {"q": "REMORQUE"})) == ["Prêt de la remorque porte-engins"]


def test_htmx_request_gets_only_the_results(login, eve, convention):
    content = login(eve).get(URL, {"q": "remorque"}, headers={"HX-Request": "true"}).content.decode()
    assert 'id="results"' in content
    assert "<html" not in content


def test_coordinator_sees_the_create_and_template_links(login, eve):
    content = login(eve).get(URL).content.decode()
    assert reverse("agreements:convention_create") in content
    assert reverse("agreements:template_list") in content


def test_secretary_does_not_see_the_create_link(login, bob):
    assert reverse("agreements:convention_create") not in login(bob).get(URL).content.decode()


def test_csv_export_is_semicolon_separated_with_bom(login, eve, convention):
    content = login(eve).get(URL, {"format": "csv"}).content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:5] == ["Titre", "Instrument", "Référence légale", "Parties", "Premier jour"]
    assert rows[1][:4] == [
        "Prêt de la remorque porte-engins",
        "Mise en commun de moyens",
        "CGCT L5211-4-3",
        "Agglo A (prêteur), Jouhe (emprunteur)",
    ]
    assert len(rows) == 2


def test_xlsx_export_reopens_with_the_filtered_rows(login, eve, convention, others):
    response = login(eve).get(URL, {"format": "xlsx", "status": Status.DRAFT})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Titre"
    assert {sheet.cell(row=r, column=1).value for r in range(2, sheet.max_row + 1)} == {
        "Prêt de la remorque porte-engins",
        "Groupement fournitures",
    }


def test_ods_export_reopens(login, eve, convention):
    dataset = tablib.Dataset().load(login(eve).get(URL, {"format": "ods"}).content, format="ods")
    assert dataset["Titre"] == ["Prêt de la remorque porte-engins"]
    assert dataset["Statut"] == ["Brouillon"]


def test_export_of_a_party_member_holds_only_visible_conventions(login, bob, convention, others):
    dataset = tablib.Dataset().load(login(bob).get(URL, {"format": "ods"}).content, format="ods")
    assert dataset["Titre"] == ["Prêt de la remorque porte-engins"]


def test_unknown_export_format_is_404(login, eve):
    assert login(eve).get(URL, {"format": "pdf"}).status_code == 404


def test_list_is_paginated(login, eve, territory_a):
    ConventionFactory.create_batch(51, territory=territory_a)
    response = login(eve).get(URL, {"page": 2})
    assert len(response.context["page"]) == 1


def test_query_count_does_not_grow_with_conventions(login, eve, territory_a, query_count):
    client = login(eve)
    ConventionFactory(territory=territory_a)
    with_one = query_count(lambda: client.get(URL))
    ConventionFactory.create_batch(19, territory=territory_a)
    assert query_count(lambda: client.get(URL)) == with_one


def test_party_member_query_count_does_not_grow_with_conventions(login, bob, territory_a, commune_a, query_count):
    client = login(bob)
    ConventionFactory(territory=territory_a, parties=[commune_a])
    with_one = query_count(lambda: client.get(URL))
    for _ in range(19):
        ConventionFactory(territory=territory_a, parties=[commune_a])
    assert query_count(lambda: client.get(URL)) == with_one


def organisation_conventions(user, organisation) -> str:
    conventions = Convention.objects.visible_to(user).for_organisation(organisation).with_list_data()
    return render_to_string("agreements/_organisation_conventions.html", {"conventions": conventions})


def test_organisation_partial_lists_the_conventions_it_is_party_to(bob, convention, others, commune_a):
    html = organisation_conventions(bob, commune_a)
    assert "Prêt de la remorque porte-engins" in html
    assert "Groupement fournitures" not in html


def test_organisation_partial_hides_what_the_user_cannot_see(bob, convention, others, commune_b):
    assert "Groupement fournitures" not in organisation_conventions(bob, commune_b)


def test_organisation_partial_query_count_does_not_grow(eve, territory_a, commune_a, query_count):
    ConventionFactory(territory=territory_a, parties=[commune_a])
    organisation_conventions(eve, commune_a)  # eve's memberships are read once, then kept on her
    with_one = query_count(lambda: organisation_conventions(eve, commune_a))
    for _ in range(19):
        ConventionFactory(territory=territory_a, parties=[commune_a])
    assert query_count(lambda: organisation_conventions(eve, commune_a)) == with_one
