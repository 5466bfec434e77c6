import csv
import io
from datetime import timedelta

import openpyxl
from django.urls import reverse
from django.utils import timezone

from mutualis.equipment.models import LoanStatus, Request
from mutualis.equipment.tests.factories import LoanFactory, RequestFactory

URL = reverse("equipment:dashboard")


def table(response, key: str) -> list:
    return response.context["tables"][key].rows


def test_equipment_manager_and_coordinator_see_the_dashboard(login, ed, eve, territory_a):
    assert login(ed).get(URL).status_code == 200
    assert login(eve).get(URL).status_code == 200


def test_mayor_cannot_see_the_dashboard(login, alice):
    assert login(alice).get(URL).status_code == 403


def test_loans_are_counted_per_month(login, ed, item, commune_b):
    LoanFactory(request__item=item, request__borrower=commune_b)
    rows = table(login(ed).get(URL), "months")
    assert sum(count for _month, count in rows) == 1


def test_most_requested_categories(login, ed, item, commune_b):
    RequestFactory.create_batch(2, item=item, borrower=commune_b)
    assert table(login(ed).get(URL), "categories") == [["Voirie", 2]]


def lent(item, borrower) -> None:
    """A loan handed over today, the item away."""
    LoanFactory(request__item=item, request__borrower=borrower, status=LoanStatus.OUT,
                checked_out_on=timezone.localdate())  # fmt: skip


def test_organisations_lending_and_borrowing(login, ed, item, commune_b):
    lent(item, commune_b)
    assert table(login(ed).get(URL), "organisations") == [["Foucherans", 0, 1], ["Jouhe", 1, 0]]


def test_organisations_of_the_year_are_those_of_the_indicator(login, ed, item, commune_b, territory_a):
    LoanFactory(request__item=item, request__borrower=commune_b)  # scheduled: nothing lent yet
    response = login(ed).get(URL)
    assert table(response, "organisations") == []
    shown = {figure.key: figure.value for figure in response.context["figures"]}
    assert shown["equipment.participating_organisations"] == 0


def test_unanswered_requests_after_n_days(login, ed, item, commune_b):
    old = RequestFactory(item=item, borrower=commune_b)
    Request.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=10))
    RequestFactory(item=item, borrower=commune_b)
    assert [row[-1] for row in table(login(ed).get(URL), "unanswered")] == [old.pk]
    assert len(table(login(ed).get(URL, {"days": 0}), "unanswered")) == 2
    assert table(login(ed).get(URL, {"days": 11}), "unanswered") == []


def test_table_exports_as_csv(login, ed, item, commune_b):
    lent(item, commune_b)
    response = login(ed).get(URL, {"export": "organisations", "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8").lstrip("\ufeff")), delimiter=";"))
    assert rows == [["Organisation", "Prêts consentis", "Emprunts"], ["Foucherans", "0", "1"], ["Jouhe", "1", "0"]]


def test_unanswered_export_leaves_out_the_link_column(login, ed, item, commune_b):
    RequestFactory(item=item, borrower=commune_b)
    response = login(ed).get(URL, {"export": "unanswered", "format": "xlsx", "days": 0})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_column == 5
    assert sheet.cell(row=2, column=2).value == "Foucherans"


def test_unknown_table_is_404(login, ed):
    assert login(ed).get(URL, {"export": "secrets", "format": "csv"}).status_code == 404


def test_a_huge_number_of_days_is_an_error_not_a_crash(login, ed):
    response = login(ed).get(URL, {"days": "99999999999999999999999"})
    assert response.status_code == 200
    assert "days" in response.context["form"].errors
