from datetime import timedelta
from io import BytesIO

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from mutualis.helpdesk.tests.factories import RequestFactory

URL = reverse("helpdesk:dashboard")


def test_the_dashboard_counts_requests_by_topic(login, commune_a, commune_b, eve):
    RequestFactory(organisation=commune_a, topic="legal")
    RequestFactory(organisation=commune_b, topic="legal")
    RequestFactory(organisation=commune_a, topic="town_planning")
    tables = {t.key: t for t in login(eve).get(URL).context["tables"]}
    assert tables["topics"].rows == [["Juridique", 2, 0], ["Urbanisme", 1, 0]]
    assert tables["organisations"].rows[0][:2] == ["Jouhe", 2]


def test_the_dashboard_shows_the_registered_figures(login, eve):
    labels = [str(figure.label) for figure in login(eve).get(URL).context["figures"]]
    assert "Note moyenne des réponses (sur 5)" in labels


def test_the_deadlines_table_counts_the_requests_the_on_time_shares_are_computed_from(login, commune_a, eve):
    # Due next week and not answered yet: neither met nor missed.
    today = timezone.localdate()
    RequestFactory(organisation=commune_a, topic="legal", first_response_due=today + timedelta(days=7),
                   resolution_due=today + timedelta(days=7))  # fmt: skip
    tables = {t.key: t for t in login(eve).get(URL).context["tables"]}
    assert tables["deadlines"].rows == []


def test_a_table_exports_as_xlsx(login, commune_a, eve):
    RequestFactory(organisation=commune_a, topic="legal")
    response = login(eve).get(URL, {"year": timezone.localdate().year, "export": "topics", "format": "xlsx"})
    sheet = openpyxl.load_workbook(BytesIO(response.content)).active
    assert [c.value for c in sheet[2]] == ["Juridique", 1, 0]


def test_an_unknown_table_is_a_404(login, eve):
    assert login(eve).get(URL, {"export": "nope"}).status_code == 404


@pytest.mark.parametrize("count", [1, 20])
def test_the_dashboard_runs_a_constant_number_of_queries(login, commune_a, eve, query_count, count):
    for _ in range(count):
        RequestFactory(organisation=commune_a)
    client = login(eve)
    client.get(URL)
    assert query_count(lambda: client.get(URL)) == 22
