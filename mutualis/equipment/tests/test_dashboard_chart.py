"""The dashboard draws the loans per month: the table's numbers, every month in its place."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from mutualis.equipment.tests.factories import LoanFactory

URL = reverse("equipment:dashboard")


def test_every_month_of_the_last_year_has_its_row_loans_or_not(login, ed, item, commune_b):
    today = timezone.localdate()
    LoanFactory(request__item=item, request__borrower=commune_b, request__start=today)
    rows = login(ed).get(URL).context["tables"]["months"].rows
    assert len(rows) == 12
    assert rows[-1] == [today.strftime("%m/%Y"), 1]
    assert sum(count for _month, count in rows) == 1


def test_the_loans_chart_draws_the_tables_numbers(login, ed, item, commune_b):
    LoanFactory(request__item=item, request__borrower=commune_b)
    response = login(ed).get(URL)
    headers, rows = response.context["months_chart"].table
    assert headers == ["Mois", "Prêts"]
    assert rows == response.context["tables"]["months"].rows
    assert 'role="img"' in response.content.decode()


def test_the_dashboard_needs_as_many_queries_for_one_loan_as_for_many_months(login, ed, item, commune_b, query_count):
    client = login(ed)
    today = timezone.localdate()
    LoanFactory(request__item=item, request__borrower=commune_b, request__start=today - timedelta(days=300))
    one = query_count(lambda: client.get(URL))
    for days in (30, 90, 150, 210):
        LoanFactory(request__item=item, request__borrower=commune_b, request__start=today - timedelta(days=days))
    assert query_count(lambda: client.get(URL)) == one
