import csv
import io
from datetime import timedelta

import openpyxl
import tablib
from django.urls import reverse

from mutualis.equipment.services import item_archive
from mutualis.equipment.tests.factories import CategoryFactory, ItemFactory, LoanFactory, in_days
from mutualis.territory.tests.factories import OrganisationFactory, SectorFactory

URL = reverse("equipment:catalogue")


def names(response) -> list[str]:
    return [item.name for item in response.context["page"]]


def test_member_sees_lendable_items_of_own_territory_only(login, bob, item, oscar):
    ItemFactory(owner=oscar.memberships.get().organisation, name="Nacelle d'ailleurs")
    assert names(login(bob).get(URL)) == ["Remorque porte-engins"]


def test_archived_and_unlendable_items_are_not_listed(login, bob, item, commune_a):
    ItemFactory(owner=commune_a, name="Broyeur", is_lendable=False)
    item_archive(item=ItemFactory(owner=commune_a, name="Vieille tondeuse"), by=bob)
    assert names(login(bob).get(URL)) == ["Remorque porte-engins"]


def test_free_text_ignores_accents_and_case(login, charlie, commune_a):
    ItemFactory(owner=commune_a, name="Échafaudage roulant")
    assert names(login(charlie).get(URL, {"q": "ECHAFAUD"})) == ["Échafaudage roulant"]


def test_filter_by_category(login, charlie, item, commune_a):
    festive = CategoryFactory(territory=commune_a.territory, name="Fêtes")
    ItemFactory(owner=commune_a, name="Barrières", category=festive)
    assert names(login(charlie).get(URL, {"category": item.category.pk})) == ["Remorque porte-engins"]


def test_filter_by_sector_of_the_owner(login, charlie, item, territory_a):
    south = SectorFactory(territory=territory_a, name="Secteur Sud")
    ItemFactory(owner=OrganisationFactory(territory=territory_a, sector=south), name="Saleuse")
    assert names(login(charlie).get(URL, {"sector": south.pk})) == ["Saleuse"]


def test_filter_by_owner(login, charlie, item, commune_b):
    ItemFactory(owner=commune_b, name="Podium")
    assert names(login(charlie).get(URL, {"owner": commune_b.pk})) == ["Podium"]


def test_free_between_dates_hides_items_lent_over_those_days(login, charlie, item, commune_a, commune_b):
    ItemFactory(owner=commune_a, name="Autre remorque")
    LoanFactory(request__item=item, request__borrower=commune_b, request__start=in_days(10), request__end=in_days(12))
    response = login(charlie).get(URL, {"free_from": in_days(11).isoformat(), "free_to": in_days(11).isoformat()})
    assert names(response) == ["Autre remorque"]


def test_last_day_of_the_free_filter_is_included(login, charlie, item, commune_b):
    LoanFactory(request__item=item, request__borrower=commune_b, request__start=in_days(10), request__end=in_days(12))
    response = login(charlie).get(URL, {"free_from": in_days(5).isoformat(), "free_to": in_days(10).isoformat()})
    assert names(response) == []


def test_item_free_until_the_day_before_a_loan_is_listed(login, charlie, item, commune_b):
    LoanFactory(request__item=item, request__borrower=commune_b, request__start=in_days(10), request__end=in_days(12))
    response = login(charlie).get(URL, {"free_from": in_days(5).isoformat(), "free_to": in_days(9).isoformat()})
    assert names(response) == ["Remorque porte-engins"]


def test_free_filter_needs_both_dates(login, charlie, item):
    response = login(charlie).get(URL, {"free_from": in_days(5).isoformat()})
    assert "Indiquez les deux dates" in response.content.decode()


def test_htmx_request_gets_only_the_results(login, charlie, item):
    content = login(charlie).get(URL, {"q": "remorque"}, headers={"HX-Request": "true"}).content.decode()
    assert 'id="results"' in content
    assert "<html" not in content


def test_csv_export_lists_filtered_items(login, charlie, item, commune_b):
    ItemFactory(owner=commune_b, name="Podium")
    response = login(charlie).get(URL, {"format": "csv", "q": "remorque"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8").lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["Matériel", "Catégorie", "Propriétaire"]
    assert rows[1][:3] == ["Remorque porte-engins", "Voirie", "Jouhe"]
    assert rows[1][6] == "12,50"
    assert len(rows) == 2


def test_xlsx_export_reopens(login, charlie, item):
    sheet = openpyxl.load_workbook(io.BytesIO(login(charlie).get(URL, {"format": "xlsx"}).content)).active
    assert sheet.cell(row=2, column=1).value == "Remorque porte-engins"


def test_ods_export_reopens(login, charlie, item):
    dataset = tablib.Dataset().load(login(charlie).get(URL, {"format": "ods"}).content, format="ods")
    assert list(dataset["Matériel"]) == ["Remorque porte-engins"]


def test_secretary_sees_declare_and_need_links(login, bob, item, commune_a):
    content = login(bob).get(URL).content.decode()
    assert reverse("equipment:item_create", kwargs={"pk": commune_a.pk}) in content
    assert reverse("equipment:need_create") in content
    assert reverse("equipment:dashboard") not in content


def test_equipment_manager_sees_the_dashboard_link(login, ed, item):
    assert reverse("equipment:dashboard") in login(ed).get(URL).content.decode()


def test_query_count_does_not_grow_with_items(login, charlie, commune_a, query_count):
    client = login(charlie)
    ItemFactory(owner=commune_a)
    one = query_count(lambda: client.get(URL))
    ItemFactory.create_batch(49, owner=commune_a)
    assert query_count(lambda: client.get(URL)) == one


def test_query_count_with_availability_filter_does_not_grow(login, charlie, commune_a, query_count):
    client = login(charlie)
    params = {"free_from": in_days(3).isoformat(), "free_to": (in_days(3) + timedelta(days=4)).isoformat()}
    ItemFactory(owner=commune_a)
    one = query_count(lambda: client.get(URL, params))
    ItemFactory.create_batch(49, owner=commune_a)
    assert query_count(lambda: client.get(URL, params)) == one
