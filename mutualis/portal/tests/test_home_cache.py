"""The home's lists are computed once per change of the territory's data, and never served stale:
a row added, changed or deleted in the territory shows on the very next request; a change in
another territory, or one rolled back, keeps the copy."""

import inspect

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mutualis.core.worklist import registry
from mutualis.equipment.models import RequestStatus
from mutualis.equipment.tests.factories import ItemFactory, RequestFactory
from mutualis.territory.tests.factories import OrganisationFactory
from mutualis.territory.versions import data_version

pytestmark = pytest.mark.django_db
HOME = reverse("portal:home")


def to_decide(client) -> int:
    """How many loan requests the home lists for the person to accept or refuse."""
    for section in client.get(HOME).context["waiting"]:
        for entry in section.entries:
            if entry.key == "equipment.requests_to_decide":
                return entry.count
    return 0


@pytest.fixture
def item(commune_a):
    return ItemFactory(owner=commune_a)


def test_a_request_received_shows_on_the_next_home(login, alice, item, commune_b):
    client = login(alice)
    RequestFactory(item=item, borrower=commune_b)
    assert to_decide(client) == 1
    RequestFactory(item=item, borrower=commune_b)
    assert to_decide(client) == 2


def test_a_request_decided_or_deleted_leaves_the_next_home(login, alice, item, commune_b):
    client = login(alice)
    first, second = RequestFactory(item=item, borrower=commune_b), RequestFactory(item=item, borrower=commune_b)
    assert to_decide(client) == 2
    first.status, first.refusal_reason = RequestStatus.REFUSED, "Déjà prêté"
    first.save()
    assert to_decide(client) == 1
    second.delete()
    assert to_decide(client) == 0


def test_a_cached_home_costs_four_queries(login, alice, item, commune_b):
    """The session, the user, the territory's data version and the unread notifications' count."""
    client = login(alice)
    RequestFactory(item=item, borrower=commune_b)
    client.get(HOME)
    with CaptureQueriesContext(connection) as queries:
        assert to_decide(client) == 1
    assert len(queries) == 4


def test_a_change_in_another_territory_keeps_the_version(item, territory_a, territory_b):
    before = data_version(territory_a.pk)
    ItemFactory(owner__territory=territory_b)
    assert data_version(territory_a.pk) == before
    RequestFactory(item=item)
    assert data_version(territory_a.pk) > before


@pytest.mark.django_db(transaction=True)
def test_a_transaction_moves_the_version_once_when_it_commits_and_not_when_rolled_back(territory_a, commune_a):
    before = data_version(territory_a.pk)
    with transaction.atomic():
        ItemFactory(owner=commune_a)
        ItemFactory(owner=commune_a)
        assert data_version(territory_a.pk) == before
    assert data_version(territory_a.pk) == before + 1
    with pytest.raises(RuntimeError), transaction.atomic():
        ItemFactory(owner=commune_a)
        raise RuntimeError
    assert data_version(territory_a.pk) == before + 1


def test_no_list_of_the_home_reads_the_hour():
    """The home is kept for the day: a list reading the time of day would go stale within it."""
    readers = [
        provider.function.__module__
        for provider in registry.values()
        if "now()" in inspect.getsource(inspect.getmodule(provider.function))
    ]
    assert readers == []


def organisations_figure(client) -> int:
    sections = client.get(reverse("portal:figures")).context["sections"]
    return next(f.value for _name, _label, rows in sections for f in rows if f.key == "territory.organisations")


def test_the_figures_page_counts_a_new_organisation_on_the_next_request(login, eve, territory_a):
    client = login(eve)
    before = organisations_figure(client)
    with CaptureQueriesContext(connection) as cached:
        assert organisations_figure(client) == before
    OrganisationFactory(territory=territory_a, name="Commune nouvelle")
    assert organisations_figure(client) == before + 1
    assert len(cached.captured_queries) < 10  # the second visit computed no indicator
