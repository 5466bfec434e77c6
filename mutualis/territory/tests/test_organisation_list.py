import csv
import io

import openpyxl
import pytest
import tablib
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mutualis.territory.models import OrganisationKind
from mutualis.territory.tests.factories import OrganisationFactory, SectorFactory

URL = reverse("territory:organisation_list")


def names(response) -> list[str]:
    return [organisation.name for organisation in response.context["page"]]


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_member_sees_organisations_of_own_territory_only(login, bob, commune_b, oscar):
    OrganisationFactory(territory=oscar.memberships.get().organisation.territory, name="Ailleurs")
    response = login(bob).get(URL)
    assert response.status_code == 200
    assert "Foucherans" in names(response)
    assert "Ailleurs" not in names(response)


@pytest.mark.parametrize("query", ["foucherans", "FOUCHERANS", "fouch", "39233"])
def test_search_ignores_case_and_accents(login, bob, commune_b, query):
    response = login(bob).get(URL, {"q": query})
    assert names(response) == ["Foucherans"]


def test_search_finds_accented_name_from_plain_text(login, bob, territory_a):
    OrganisationFactory(territory=territory_a, name="Éclans-Nenon")
    assert names(login(bob).get(URL, {"q": "eclans"})) == ["Éclans-Nenon"]


def test_filter_by_kind(login, eve, epci_a, commune_a):
    response = login(eve).get(URL, {"kind": OrganisationKind.EPCI})
    assert names(response) == ["Agglo A"]


def test_filter_by_sector(login, eve, commune_a, territory_a):
    other_sector = SectorFactory(territory=territory_a, name="Secteur Sud")
    OrganisationFactory(territory=territory_a, name="Parcey", sector=other_sector)
    response = login(eve).get(URL, {"sector": other_sector.pk})
    assert names(response) == ["Parcey"]


def test_htmx_request_gets_only_the_results(login, eve, commune_a):
    response = login(eve).get(URL, {"q": "jou"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert 'id="results"' in content
    assert "<html" not in content


def test_csv_export_is_semicolon_separated_with_bom(login, eve, commune_a, commune_b):
    response = login(eve).get(URL, {"format": "csv", "q": "jouhe"})
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["Nom", "Type", "Code INSEE"]
    assert rows[1][:3] == ["Jouhe", "Commune", "39270"]
    assert len(rows) == 2


def test_xlsx_export_reopens(login, eve, commune_a, commune_b):
    response = login(eve).get(URL, {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]][:2] == ["Nom", "Type"]
    assert {sheet.cell(row=r, column=1).value for r in range(2, sheet.max_row + 1)} >= {"Jouhe", "Foucherans"}


def test_ods_export_reopens(login, eve, commune_a):
    response = login(eve).get(URL, {"format": "ods"})
    dataset = tablib.Dataset().load(response.content, format="ods")
    assert "Jouhe" in dataset["Nom"]


def test_unknown_export_format_is_404(login, eve, commune_a):
    assert login(eve).get(URL, {"format": "pdf"}).status_code == 404


def test_query_count_does_not_grow_with_organisations(login, eve, territory_a, query_count):
    client = login(eve)
    with_one = query_count(lambda: client.get(URL))
    OrganisationFactory.create_batch(49, territory=territory_a)
    assert query_count(lambda: client.get(URL)) == with_one


def test_members_are_counted_per_row_and_the_page_count_reads_no_membership(login, eve, bob, alice, commune_a):
    with CaptureQueriesContext(connection) as queries:
        response = login(eve).get(URL, {"q": "jouhe"})
    assert [o.member_count for o in response.context["page"]] == [2]  # alice and bob
    count = next(q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"] and "organisation" in q["sql"])
    assert "membership" not in count.lower()
