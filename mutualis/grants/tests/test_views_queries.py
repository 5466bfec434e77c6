"""The list and the file's page read a constant number of queries, whatever the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mutualis.grants.models import DocumentKind, Status
from mutualis.grants.tests.factories import ApplicationFactory, DocumentFactory, MessageFactory, OpinionFactory


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_the_list_reads_as_many_queries_for_1_and_50_files(login, gina, commune_a, commune_b, rules_2026):
    ApplicationFactory(organisation=commune_a, rules=rules_2026)
    client = login(gina)
    one = queries(client, reverse("grants:application_list"))
    ApplicationFactory.create_batch(49, organisation=commune_b, rules=rules_2026, status=Status.GRANTED)
    assert queries(client, reverse("grants:application_list")) == one


@pytest.mark.parametrize("persona", ["gina", "bob"])
def test_the_file_page_reads_as_many_queries_for_1_and_50_rows(request, login, commune_a, rules_2026, persona):
    user = request.getfixturevalue(persona)
    application = ApplicationFactory(organisation=commune_a, rules=rules_2026, status=Status.SUBMITTED)
    url = reverse("grants:application_detail", args=[application.pk])

    def add(count):
        DocumentFactory.create_batch(count, application=application, kind=DocumentKind.QUOTES)
        MessageFactory.create_batch(count, application=application)
        OpinionFactory.create_batch(count, application=application)

    add(1)
    client = login(user)
    one = queries(client, url)
    add(49)
    assert queries(client, url) == one
