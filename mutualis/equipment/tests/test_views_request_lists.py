import csv
import io

import openpyxl
from django.urls import reverse

from mutualis.equipment.models import RequestStatus
from mutualis.equipment.tests.factories import ItemFactory, RequestFactory

MINE = reverse("equipment:my_requests")
RECEIVED = reverse("equipment:received_requests")
NEEDS = reverse("equipment:need_list")


def rows(response) -> list:
    return list(response.context["page"])


def test_my_requests_lists_those_of_my_organisation_as_borrower(login, charlie, item, commune_b, commune_a):
    mine = RequestFactory(item=item, borrower=commune_b)
    RequestFactory(item=ItemFactory(owner=commune_b), borrower=commune_a)
    assert rows(login(charlie).get(MINE)) == [mine]


def test_received_requests_list_pending_first(login, alice, item, commune_b):
    pending = RequestFactory(item=item, borrower=commune_b)
    refused = RequestFactory(item=item, borrower=commune_b, status=RequestStatus.REFUSED, refusal_reason="Non")
    assert rows(login(alice).get(RECEIVED)) == [pending, refused]


def test_received_requests_filter_by_status(login, alice, item, commune_b):
    RequestFactory(item=item, borrower=commune_b)
    refused = RequestFactory(item=item, borrower=commune_b, status=RequestStatus.REFUSED, refusal_reason="Non")
    assert rows(login(alice).get(RECEIVED, {"status": RequestStatus.REFUSED})) == [refused]


def test_other_commune_does_not_receive_my_requests(login, charlie, item, commune_b):
    RequestFactory(item=item, borrower=commune_b)
    assert rows(login(charlie).get(RECEIVED)) == []


def test_needs_list_shows_open_needs_of_the_territory(login, bob, item, commune_b, charlie):
    need = RequestFactory(item=None, owner=None, borrower=commune_b, category=item.category)
    RequestFactory(item=None, owner=None, borrower=commune_b, category=item.category, status=RequestStatus.CANCELLED)
    assert rows(login(bob).get(NEEDS)) == [need]


def test_htmx_request_gets_only_the_results(login, alice, item, commune_b):
    RequestFactory(item=item, borrower=commune_b)
    content = login(alice).get(RECEIVED, headers={"HX-Request": "true"}).content.decode()
    assert 'id="results"' in content and "<html" not in content


def test_csv_export_shows_the_last_day(login, charlie, item, commune_b):
    request = RequestFactory(item=item, borrower=commune_b)
    response = login(charlie).get(MINE, {"format": "csv"})
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8").lstrip("\ufeff")), delimiter=";"))
    assert table[0][:5] == ["Matériel ou catégorie", "Emprunteur", "Prêteur", "Premier jour", "Dernier jour"]
    assert table[1][:3] == ["Remorque porte-engins", "Foucherans", "Jouhe"]
    assert table[1][4] == request.last_day.isoformat()


def test_xlsx_export_reopens(login, alice, item, commune_b):
    RequestFactory(item=item, borrower=commune_b)
    sheet = openpyxl.load_workbook(io.BytesIO(login(alice).get(RECEIVED, {"format": "xlsx"}).content)).active
    assert sheet.cell(row=2, column=2).value == "Foucherans"


def test_query_count_of_received_requests_does_not_grow(login, alice, item, commune_b, query_count):
    client = login(alice)
    RequestFactory(item=item, borrower=commune_b)
    one = query_count(lambda: client.get(RECEIVED))
    RequestFactory.create_batch(49, item=item, borrower=commune_b)
    assert query_count(lambda: client.get(RECEIVED)) == one


def test_query_count_of_my_requests_does_not_grow(login, charlie, item, commune_b, query_count):
    client = login(charlie)
    RequestFactory(item=item, borrower=commune_b)
    one = query_count(lambda: client.get(MINE))
    RequestFactory.create_batch(49, item=item, borrower=commune_b)
    assert query_count(lambda: client.get(MINE)) == one


def test_query_count_of_needs_does_not_grow(login, bob, item, commune_b, query_count):
    client = login(bob)
    RequestFactory(item=None, owner=None, borrower=commune_b, category=item.category)
    one = query_count(lambda: client.get(NEEDS))
    RequestFactory.create_batch(49, item=None, owner=None, borrower=commune_b, category=item.category)
    assert query_count(lambda: client.get(NEEDS)) == one
