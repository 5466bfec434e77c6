"""Walk every URL of the project as each persona and check the access chain.

For every view guarded by `@requires(perm[, model])`:
- anonymous → redirected to the login page;
- a user of another territory → 404 on any row of territory A;
- each persona of territory A → 403 exactly when `user.has_perm(perm, row)` is false.
A new view is covered without new test code; a new model in a URL only needs a row in
territory A, which the `samples` fixture creates (or finds through the model's factories).
"""

import importlib
from dataclasses import dataclass
from datetime import date

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from mutualis.accounts.models import User
from mutualis.territory.middleware import SESSION_KEY
from mutualis.territory.models import ClosedDay, Membership, Organisation, Role, Sector
from mutualis.territory.permissions import seat_of
from mutualis.territory.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.walk


@dataclass
class Route:
    name: str
    view: object
    takes_pk: bool


def walk(patterns, namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield Route(namespace + pattern.name, pattern.callback, "pk" in pattern.pattern.converters)


GUARDED = [route for route in walk(get_resolver().url_patterns) if hasattr(route.view, "required_permission")]


@pytest.fixture
def samples(commune_a, commune_b, sector_a, epci_a, alice, bob):
    """One row of each model reachable from a URL, in territory A and tied to commune A.

    Each domain app adds its own rows in `mutualis/<app>/tests/url_samples.py`, a function
    `url_samples(base)` that receives this dict of shared rows and returns {Model: row}.
    """
    from mutualis.agreements.models import Convention, ConventionTemplate, Instrument
    from mutualis.agreements.services import template_for
    from mutualis.agreements.tests.factories import ConventionFactory
    from mutualis.billing.models import Charge
    from mutualis.billing.tests.factories import ChargeFactory

    base = {
        "commune_a": commune_a,
        "commune_b": commune_b,
        "epci_a": epci_a,
        "sector_a": sector_a,
        "alice": alice,
        "bob": bob,
    }
    rows = {
        Organisation: commune_a,
        Sector: sector_a,
        ClosedDay: ClosedDay.objects.create(territory=commune_a.territory, day=date(2026, 5, 15)),
        Membership: Membership.objects.get(user=bob),
        Convention: ConventionFactory(territory=commune_a.territory, parties=[epci_a, commune_a], signed=True),
        ConventionTemplate: template_for(commune_a.territory, Instrument.POOLING_OF_RESOURCES),
        Charge: ChargeFactory(organisation=commune_a),
    }
    for app in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{app.name}.tests.url_samples")
        except ModuleNotFoundError:
            continue
        rows.update(module.url_samples(base))
    return rows


def url_and_target(route: Route, samples: dict, territory):
    if not route.takes_pk:
        return reverse(route.name), territory
    model = route.view.required_model
    assert model in samples, f"{route.name}: add a {model.__name__} of territory A to the samples fixture"
    row = samples[model]
    return reverse(route.name, kwargs={"pk": row.pk}), row


# The routes are walked in a few batches rather than one test each: the samples (a row of every
# model of every app) are built once per batch, and the batches still spread over the workers.
BATCHES = 8


def batch(number: int) -> list[Route]:
    return GUARDED[number::BATCHES]


def walk(routes: list[Route], check) -> None:
    """Run `check(route)` on every route; fail once, naming each route that failed and why."""
    failures = []
    for route in routes:
        try:
            check(route)
        except Exception as error:  # noqa: BLE001  (a 500 is reported with its route, like a wrong status)
            failures.append(f"{route.name}: {type(error).__name__}: {error}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("number", range(BATCHES))
def test_anonymous_is_sent_to_login(client, samples, territory_a, number):
    def check(route):
        url, _ = url_and_target(route, samples, territory_a)
        response = client.get(url)
        assert response.status_code == 302, response.status_code
        assert response["Location"].startswith(reverse("accounts:login"))

    walk(batch(number), check)


@pytest.mark.parametrize("number", range(BATCHES))
def test_other_territory_gets_404_on_rows(client, samples, territory_a, oscar, number):
    client.force_login(oscar)
    oscar_territory = oscar.memberships.get().territory

    def check(route):
        url, target = url_and_target(route, samples, territory_a)
        status = client.get(url).status_code
        if route.takes_pk:
            assert status == 404, status
        else:
            allowed = User.objects.get(pk=oscar.pk).has_perm(route.view.required_permission, oscar_territory)
            assert (status == 403) != allowed, status

    walk(batch(number), check)


@pytest.mark.parametrize("number", range(BATCHES))
def test_each_persona_gets_403_exactly_without_the_permission(
    client, samples, territory_a, alice, bob, charlie, eve, sam, ed, number
):
    def check(route):
        url, target = url_and_target(route, samples, territory_a)
        for persona in (alice, bob, charlie, eve, sam, ed):
            client.force_login(persona)
            status = client.get(url).status_code
            model = route.view.required_model
            if route.takes_pk and not model.objects.visible_to(persona).filter(pk=target.pk).exists():
                # Rows of an organisation the persona does not belong to are not even shown.
                assert status == 404, f"{persona.email} cannot see the row but got {status}"
                continue
            allowed = User.objects.get(pk=persona.pk).has_perm(route.view.required_permission, target)
            assert status not in (404, 500), f"{persona.email}: {status}"
            assert (status == 403) != allowed, f"{persona.email} allowed={allowed} got {status}"

    walk(batch(number), check)


@pytest.fixture
def acting_personas(commune_a, commune_b, epci_b):
    """People with two memberships, each acting through one: (user, membership acted through)."""
    dana = UserFactory(email="dana@example.org")
    dana_agent = MembershipFactory(user=dana, organisation=commune_a, role=Role.AGENT)
    dana_secretary = MembershipFactory(user=dana, organisation=commune_b, role=Role.SECRETARY)
    victor = UserFactory(email="victor@example.org")
    victor_coordinator = MembershipFactory(user=victor, organisation=epci_b, role=Role.COORDINATOR)
    victor_agent = MembershipFactory(user=victor, organisation=commune_a, role=Role.AGENT)
    return [
        (dana, dana_agent),
        (dana, dana_secretary),
        (victor, victor_coordinator),
        (victor, victor_agent),
    ]


def acting_through(membership: Membership) -> User:
    """The person as the request sees them: with only the rights of the membership acted through."""
    user = User.objects.get(pk=membership.user_id)
    user._mutualis_seats = [seat_of(membership)]
    return user


@pytest.mark.parametrize("number", range(BATCHES))
def test_rights_follow_the_membership_acted_through(client, samples, territory_a, acting_personas, number):
    def check(route):
        url, target = url_and_target(route, samples, territory_a)
        for person, membership in acting_personas:
            client.force_login(person)
            session = client.session
            session[SESSION_KEY] = membership.pk
            session.save()
            status = client.get(url).status_code
            acting = acting_through(membership)
            where = f"{person.email} as {membership.role} of {membership.organisation}"
            model = route.view.required_model
            if route.takes_pk and not model.objects.visible_to(acting).filter(pk=target.pk).exists():
                assert status == 404, f"{where} cannot see the row but got {status}"
                continue
            on = target if route.takes_pk else membership.organisation.territory
            allowed = acting.has_perm(route.view.required_permission, on)
            assert status not in (404, 500), f"{where}: {status}"
            assert (status == 403) != allowed, f"{where} allowed={allowed} got {status}"

    walk(batch(number), check)


def test_the_walk_covers_the_main_views():
    names = {route.name for route in GUARDED}
    assert {"portal:home", "territory:organisation_list", "territory:organisation_detail"} <= names
