"""Deadlines are computed once, when a question is asked: the pages that show them read stored
dates, so a territory's holidays and closed days cost them no query (issue 22 pins the counts)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mutualis.helpdesk.tests.factories import RequestFactory
from mutualis.territory.models import ClosedDay

LIST_QUERIES = 6
DETAIL_QUERIES = 8


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.fixture
def closed_days(territory_a):
    ClosedDay.objects.create(territory=territory_a, day=date(2026, 5, 15))


@pytest.mark.parametrize("rows", [1, 50])
def test_the_request_list_reads_stored_deadlines(login, bob, commune_a, closed_days, rows):
    RequestFactory.create_batch(rows, organisation=commune_a)
    assert queries(login(bob), reverse("helpdesk:request_list")) == LIST_QUERIES


def test_the_request_detail_reads_stored_deadlines(login, bob, commune_a, closed_days):
    request = RequestFactory(organisation=commune_a)
    assert queries(login(bob), reverse("helpdesk:request_detail", args=[request.pk])) == DETAIL_QUERIES
