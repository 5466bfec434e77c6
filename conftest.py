"""Shared personas, in two territories (docs/architecture.md, "Tests and the clock"):

- territory A: the EPCI "epci_a", communes "commune_a" and "commune_b", in sector "sector_a";
  alice (mayor of commune A), bob (secretary of commune A), charlie (mayor of commune B),
  eve (coordinator at the EPCI).
  sam (manager of the billing service) and ed (manager of the shared equipment service) at the EPCI.
- territory B: oscar (coordinator of another EPCI).
Every persona's password is PASSWORD.

The clock: every test runs on a frozen day (FIXED_DAY, 10:00 in Paris, the clock then ticking),
so no test reads the real date. `pytest --today=2027-01-01` moves that day: the suite must pass
on any of them (`make test-dates` runs it on 1 January, 28 February, 30 November, 31 December).
"""

import io
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from django.utils import translation

from mutualis.demo.territory import EPCI_SIREN
from mutualis.territory.models import OrganisationKind, Role, Service, Territory
from mutualis.territory.seats import memberships_of
from mutualis.territory.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    SectorFactory,
    TerritoryFactory,
    UserFactory,
)

PASSWORD = "correct horse battery"
FIXED_DAY = date(2026, 3, 18)


def pytest_addoption(parser):
    parser.addoption("--today", default=FIXED_DAY.isoformat(), help="the day the clock is frozen on (YYYY-MM-DD)")


def frozen_at(request) -> time_machine.travel:
    day = date.fromisoformat(request.config.getoption("--today"))
    return time_machine.travel(datetime.combine(day, time(10), tzinfo=ZoneInfo("Europe/Paris")), tick=True)


@pytest.fixture(autouse=True)
def frozen_clock(request):
    """Freeze today's date for every test (see the module docstring)."""
    with frozen_at(request) as traveller:
        yield traveller


def pytest_collection_modifyitems(items):
    for item in items:
        if "demo_loaded" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.demo)


@pytest.fixture(scope="module")
def demo_loaded(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """The Grand Dole demo, loaded once for a module on the frozen day: each test's changes roll
    back to it, and the module's at its end (a full load costs seconds; a module has several tests)."""
    with (
        frozen_at(request),
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("demo-media")),
    ):
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def grand_dole(demo_loaded, db) -> Territory:
    """The demo territory (see `demo_loaded`)."""
    return Territory.objects.get(siren=EPCI_SIREN)


@pytest.fixture(autouse=True)
def in_french():
    """Each test starts in the site's language: a request in English (LocaleMiddleware never
    resets the thread's language) must not leak into the next test of the same worker."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a rolled-back test leaves entries behind (a rate
    limit's count, a person's memberships under an id the next test's rows may reuse)."""
    cache.clear()


@pytest.fixture(autouse=True)
def on_commit_at_once(request, monkeypatch):
    """Notifications are emailed when the transaction commits, and a test's transaction never
    does: run those callbacks at once, except where the test commits for real."""
    committing = {"transactional_db", "live_server"} & set(request.fixturenames)
    marker = request.node.get_closest_marker("django_db")
    if not committing and not (marker and marker.kwargs.get("transaction")):
        monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture
def territory_a(db):
    return TerritoryFactory(name="Communauté d'Agglomération A", short_name="Agglo A", siren="200000001")


@pytest.fixture
def territory_b(db):
    return TerritoryFactory(name="Communauté de communes B", short_name="CC B", siren="200000002")


@pytest.fixture
def sector_a(territory_a):
    return SectorFactory(territory=territory_a, name="Secteur Nord")


@pytest.fixture
def epci_a(territory_a):
    return OrganisationFactory(
        territory=territory_a, kind=OrganisationKind.EPCI, name="Agglo A", insee_code="", siren="200000001"
    )


@pytest.fixture
def commune_a(territory_a, sector_a):
    return OrganisationFactory(territory=territory_a, name="Jouhe", insee_code="39270", sector=sector_a, population=531)


@pytest.fixture
def commune_b(territory_a, sector_a):
    return OrganisationFactory(
        territory=territory_a, name="Foucherans", insee_code="39233", sector=sector_a, population=2284
    )


@pytest.fixture
def epci_b(territory_b):
    return OrganisationFactory(
        territory=territory_b, kind=OrganisationKind.EPCI, name="CC B", insee_code="", siren="200000002"
    )


def _person(email: str, first_name: str, organisation, role: str, **fields):
    user = UserFactory(email=email, first_name=first_name, last_name="Persona")
    MembershipFactory(user=user, organisation=organisation, role=role, **fields)
    return user


@pytest.fixture
def alice(commune_a):
    return _person("alice@example.org", "Alice", commune_a, Role.ORG_MANAGER)


@pytest.fixture
def bob(commune_a):
    return _person("bob@example.org", "Bob", commune_a, Role.SECRETARY)


@pytest.fixture
def charlie(commune_b):
    return _person("charlie@example.org", "Charlie", commune_b, Role.ORG_MANAGER)


@pytest.fixture
def eve(epci_a):
    return _person("eve@example.org", "Eve", epci_a, Role.COORDINATOR)


@pytest.fixture
def sam(epci_a):
    return _person("sam@example.org", "Sam", epci_a, Role.SERVICE_MANAGER, service=Service.BILLING)


@pytest.fixture
def ed(epci_a):
    return _person("ed@example.org", "Ed", epci_a, Role.SERVICE_MANAGER, service=Service.EQUIPMENT)


@pytest.fixture
def oscar(epci_b):
    return _person("oscar@example.org", "Oscar", epci_b, Role.COORDINATOR)


@pytest.fixture
def login(client):
    """Log a persona in with the Django test client: `login(alice)`."""

    def log_in(user):
        client.force_login(user)
        # Read the person's memberships into the cache as their first page would, so that query
        # counts compare pages, not a first visit with the next ones.
        user.refresh_from_db(fields=["seats_version"])
        memberships_of(user)
        return client

    return log_in


@pytest.fixture
def query_count(db):
    """Number of SQL queries a call runs: `query_count(lambda: client.get(url))`."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(call) -> int:
        with CaptureQueriesContext(connection) as context:
            call()
        return len(context.captured_queries)

    return count
