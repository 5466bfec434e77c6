"""Walk every URL with boundary values in its query string and in its forms: no server error.

The routes and their rows come from the URL walk (`tests/test_url_walk.py`). For each route,
hypothesis draws values for the parameters the view reads (found in its source: `request.GET…`,
`year_param(request, "…")`, the fields of the forms it builds from the request) and for the fields
of the forms the page shows. Values sit at the edges: 0, negative, huge, years 1 and 9999, dates
that are not dates, long unicode, NUL and other control characters. Any answer is fine but a 500
(the test client raises the view's exception).
"""

import inspect
import re
from collections.abc import Iterable

import pytest
from django import forms
from django.db import transaction
from django.forms.formsets import BaseFormSet
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import test_url_walk
from tests.test_url_walk import GUARDED, Route, url_and_target

pytestmark = pytest.mark.walk

walk_samples = test_url_walk.samples  # the URL walk's fixture: one row per model of a URL, in territory A

BOUNDARY = [
    "0",
    "-1",
    "1",
    "2147483648",
    "-9223372036854775809",
    "99999999999999999999999",
    "1e999",
    "NaN",
    "0,5",
    "0001-01",
    "9999-12",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "2026-02-30",
    "31/12/9999",
    "9999-12-31T23:59",
    "not-a-date",
    "３９２７０",
    "é" * 300,
    "𝔐🙂" * 2000,
    "\x00",
    "a\x00b",
    "\x1b[0m\x0c",
    " ",
    "",
]
VALUES = st.one_of(st.sampled_from(BOUNDARY), st.text(max_size=12))
GENERIC = ["page", "format", "q", "annee", "year", "month", "status", "export"]

READS = [
    re.compile(r'request\.(?:GET|POST)(?:\.get|\.getlist)?[\[(]\s*"([^"]+)"'),
    re.compile(r'"([^"]+)" in request\.(?:GET|POST)'),
    re.compile(r'_param\(\s*request,\s*"([^"]+)"'),
]
FORM_FROM_REQUEST = re.compile(r"(\w+)\(\s*request\.(GET|POST)")

SETTINGS = settings(
    max_examples=8,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def source_of(route: Route) -> str:
    return inspect.getsource(route.view)


def names_read(route: Route, method: str) -> set[str]:
    """The parameter names the view's source reads, with the fields of the forms it fills from `method`."""
    source, view = source_of(route), inspect.unwrap(route.view)
    names = {name for pattern in READS for name in pattern.findall(source)}
    for class_name, read_from in FORM_FROM_REQUEST.findall(source):
        form = view.__globals__.get(class_name)
        if read_from == method and isinstance(form, type) and issubclass(form, forms.BaseForm):
            names |= set(form.base_fields)
    return names


def forms_shown(context) -> Iterable[forms.BaseForm]:
    """Every form of a page's context, formsets opened up into their management form and forms."""
    contexts = context if isinstance(context, list) else [context] if context else []
    for value in (value for each in contexts for value in each.flatten().values()):
        if isinstance(value, BaseFormSet):
            yield value.management_form
            yield from value.forms
        elif isinstance(value, forms.BaseForm):
            yield value


def plausible(field: forms.Field, initial) -> str | list | None:
    """A value the field would accept, so that boundary values in other fields reach the code behind."""
    if initial not in (None, "", []):
        return [str(each) for each in initial] if isinstance(initial, list | tuple) else str(initial)
    if isinstance(field, forms.FileField):
        return None
    if isinstance(field, forms.ChoiceField):
        choices = [str(value) for value, _label in field.choices if value not in ("", None)]
        return (choices[:1] if isinstance(field, forms.MultipleChoiceField) else choices[0]) if choices else None
    for kind, value in PLAUSIBLE:
        if isinstance(field, kind):
            return value
    return "Texte"


PLAUSIBLE = [
    (forms.DateTimeField, "2026-03-23 10:00"),
    (forms.DateField, "2026-03-23"),
    (forms.IntegerField, "1"),  # DecimalField and FloatField derive from it
    (forms.BooleanField, "on"),
    (forms.EmailField, "personne@example.org"),
]


def filled_in(page_context) -> dict:
    """The forms of a page, each field holding its initial value or a plausible one."""
    data = {}
    for form in forms_shown(page_context):
        for name, field in form.fields.items():
            value = plausible(field, form[name].value())
            if value is not None:
                data[form.add_prefix(name)] = value
    return data


def takes_posts(route: Route) -> bool:
    source = source_of(route)
    return "request.POST" in source or "post_only" in source


def fuzz(client, url: str, method: str, names: Iterable[str], base: dict | None = None) -> list[str]:
    """Send `base` with one to four of `names` set to boundary values, a few times over; the
    failure, if any (every route is tried before the test fails)."""

    @SETTINGS
    @given(st.dictionaries(st.sampled_from(sorted(names)), VALUES, min_size=1, max_size=4))
    def send(values: dict) -> None:
        data = {**(base or {}), **values}
        # A savepoint per request: a write refused by the database must not spoil the next one.
        with transaction.atomic():
            response = getattr(client, method)(url, data)
        assert response.status_code < 500, (method, url, data)

    try:
        send()
    except Exception as error:  # the view's own exception, as the test client raises it
        return [f"{method.upper()} {url}: {type(error).__name__}: {error}"]
    return []


# The routes are split in batches, each its own test, so that parallel workers share the walk.
BATCHES = 4


def routes_as(client, persona, samples, territory, number: int) -> Iterable[tuple[Route, str, object]]:
    client.force_login(persona)
    for route in GUARDED[number::BATCHES]:
        url, _ = url_and_target(route, samples, territory)
        yield route, url, client.get(url)


@pytest.mark.parametrize("number", range(BATCHES))
@pytest.mark.parametrize("persona", ["eve", "alice"])
def test_every_query_string_with_boundary_values_is_answered_without_error(
    client, walk_samples, territory_a, persona, number, request
):
    failures = []
    for route, url, page in routes_as(client, request.getfixturevalue(persona), walk_samples, territory_a, number):
        if page.status_code == 200:
            failures += fuzz(client, url, "get", names_read(route, "GET") | set(GENERIC))
    assert failures == []


@pytest.mark.parametrize("number", range(BATCHES))
@pytest.mark.parametrize("persona", ["eve", "alice"])
def test_every_form_with_boundary_values_is_answered_without_error(
    client, walk_samples, territory_a, persona, number, request
):
    failures = []
    for route, url, page in routes_as(client, request.getfixturevalue(persona), walk_samples, territory_a, number):
        if page.status_code in (200, 405) and takes_posts(route):
            base = filled_in(page.context)
            failures += fuzz(client, url, "post", names_read(route, "POST") | set(base) or {"confirm"}, base)
    assert failures == []


@pytest.fixture
def invitation(db):
    """A personal link to an open survey with a question of each kind."""
    from mutualis.surveys.models import QuestionKind
    from mutualis.surveys.tests.factories import ChoiceFactory, InvitationFactory, QuestionFactory

    invitation = InvitationFactory()
    for kind in QuestionKind.values:
        ChoiceFactory(question=QuestionFactory(survey=invitation.survey, kind=kind))
    return invitation


def test_the_public_survey_answer_and_the_login_take_boundary_values(client, invitation):
    failures = []
    for url in (reverse("surveys:answer", args=[invitation.token]), reverse("accounts:login")):
        base = filled_in(client.get(url).context)
        failures += fuzz(client, url, "post", set(base) | {"next"}, base)
    assert failures == []
