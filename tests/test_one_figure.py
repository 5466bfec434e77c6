"""One figure everywhere: for the Grand Dole demo, every registered indicator shows, for the same
territory and year, the value `core.indicators.compute` gives, wherever it is shown: the coordination
home, its service's dashboard, the steering pages and the printed bilan (its ODT; the PDF is drawn
from the same report).

The demo is loaded once for the module, inside a transaction rolled back at the end. Every key the
schéma does not follow yet gets an indicator on an action, so steering and the bilan show it too.
The pages are read once; then one test per key compares what each page shows with the registry.
A new indicator, or a new `<app>:dashboard` page, is covered without new test code.
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from datetime import date, datetime, time
from decimal import Decimal
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from mutualis.accounts.models import User
from mutualis.core.indicators import compute, registry
from mutualis.core.periods import year_span
from mutualis.demo.territory import DEMO_ACCOUNTS
from mutualis.steering.figures import IndicatorResult
from mutualis.steering.models import IndicatorDefinition, Scheme
from mutualis.territory.models import Territory

GRAND_DOLE = "200010650"
PARIS = ZoneInfo("Europe/Paris")
ODT = {
    "table": "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}",
    "text": "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}",
}


def route_names(patterns, namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from route_names(
                pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            )
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name


DASHBOARDS = sorted(name for name in route_names(get_resolver().url_patterns) if name.endswith(":dashboard"))


def french_number(text: str) -> Decimal | None:
    """ "1 234,5" (with a space, a no-break or a narrow no-break space) → Decimal("1234.5"); "—" → None."""
    text = re.sub(r"[\s\u00a0\u202f]", "", text)
    return None if text in ("", "—") else Decimal(text.replace(",", "."))


def as_viewer(url: str):
    """The page as the first demo account allowed to see it (the coordination first)."""
    for email, *_ in DEMO_ACCOUNTS:
        client = Client()
        client.force_login(User.objects.get(email=email))
        response = client.get(url)
        if response.status_code == 200:
            return response
    raise AssertionError(f"No demo account may open {url}.")


def context_of(response) -> dict:
    return {key: response.context[key] for key in response.context.keys()}  # noqa: SIM118 (a ContextList is a list)


def results_in(value, depth: int = 0):
    """The indicator results anywhere in a page's context (rows, lists, dataclasses)."""
    if isinstance(value, IndicatorResult):
        yield value
    elif depth < 3:
        if isinstance(value, dict):
            children = list(value.values())
        elif isinstance(value, (list, tuple)):
            children = list(value)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            children = [getattr(value, f.name) for f in dataclasses.fields(value)]
        else:
            return
        for child in children:
            yield from results_in(child, depth + 1)


def odt_rows(content: bytes) -> list[list[str]]:
    with zipfile.ZipFile(io.BytesIO(content)) as odt:
        root = ElementTree.fromstring(odt.read("content.xml"))
    return [
        ["".join(cell.itertext()) for cell in row.iter(f"{ODT['table']}table-cell")]
        for row in root.iter(f"{ODT['table']}table-row")
    ]


def follow_every_indicator(scheme: Scheme) -> None:
    """An indicator on the schéma for each registry key it does not follow, on the action of its service if any."""
    actions = list(scheme.actions.order_by("number"))
    followed = set(IndicatorDefinition.objects.filter(action__scheme=scheme).values_list("registry_key", flat=True))
    for key, item in sorted(registry.items()):
        if key not in followed:
            action = next((a for a in actions if getattr(a, "service", None) == key.split(".")[0]), actions[0])
            IndicatorDefinition.objects.create(action=action, label=str(item.label)[:200], registry_key=key)


@dataclasses.dataclass
class Shown:
    place: str
    year: int
    value: object


def read_pages(territory: Territory) -> dict[str, list[Shown]]:
    """Every value each page shows, by indicator key (labels compared in French, whatever an earlier
    test of the worker left active)."""
    with translation.override("fr"):
        return _read_pages(territory)


def _read_pages(territory: Territory) -> dict[str, list[Shown]]:
    shown: dict[str, list[Shown]] = {key: [] for key in registry}
    by_label = {str(item.label): key for key, item in registry.items()}

    home = context_of(as_viewer(reverse("portal:figures")))
    for _title, _app, figures in home["sections"]:
        for figure in figures:
            shown[figure.key].append(Shown("figures", home["year"], figure.value))

    for name in DASHBOARDS:
        page = context_of(as_viewer(reverse(name)))
        for figure in page.get("figures", []):
            key = figure.key if hasattr(figure, "key") else by_label.get(str(figure[0]))
            assert key, f"{name} shows {figure[0]!r}, which is no registered indicator."
            value = figure.value if hasattr(figure, "value") else figure[1]
            shown[key].append(Shown(name, page["year"], value))

    scheme = Scheme.objects.filter(territory=territory).order_by("-start_year").first()
    steering = [reverse("steering:scheme_detail", args=[scheme.pk])]
    steering += [reverse("steering:action_detail", args=[action.pk]) for action in scheme.actions.all()]
    for url in steering:
        page = context_of(as_viewer(url))
        for result in results_in(page):
            if result.definition.registry_key:  # else a value entered by hand
                shown[result.definition.registry_key].append(Shown(url, page["year"], result.result))

    year = page["year"]  # the steering pages' year, which the bilan prints too
    keys = dict(IndicatorDefinition.objects.filter(action__scheme=scheme).values_list("label", "registry_key"))
    odt = as_viewer(reverse("steering:report_odt", args=[scheme.pk]) + f"?year={year}")
    for row in odt_rows(odt.content):
        if len(row) == 5 and keys.get(row[0]):
            shown[keys[row[0]]].append(Shown("bilan (ODT)", year, french_number(row[2])))
    return shown


@pytest.fixture(scope="module")
def demo(request, django_db_setup, django_db_blocker):
    day = date.fromisoformat(request.config.getoption("--today"))
    with (
        time_machine.travel(datetime.combine(day, time(10), tzinfo=PARIS), tick=True),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("load_demo", stdout=io.StringIO())
        territory = Territory.objects.get(siren=GRAND_DOLE)
        follow_every_indicator(Scheme.objects.filter(territory=territory).order_by("-start_year").first())
        yield territory, read_pages(territory)
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(registry))
def test_every_page_shows_the_registered_value(demo, key):
    territory, shown = demo
    places = {s.place for s in shown[key]}
    assert "figures" in places
    assert "bilan (ODT)" in places
    assert any(place.startswith("/") for place in places), "no steering page shows it"
    for s in shown[key]:
        expected = compute(key, territory, *year_span(s.year))
        assert s.value == expected, f"{key} on {s.place} for {s.year}: {s.value} shown, {expected} computed"


def test_no_two_indicators_share_a_label():
    """Pages name a figure by its label: two keys with one label would make one figure look like two values."""
    labels = [str(item.label) for item in registry.values()]
    assert len(labels) == len(set(labels))


def test_french_numbers_are_read_back():
    assert french_number("1\u202f234,5") == Decimal("1234.5")
    assert french_number("—") is None
