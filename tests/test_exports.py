"""No export carries a live formula: every CSV/XLSX/ODS file of the project, on the demo whose every
free-text column starts with a dangerous prefix.

The demo is loaded once for the module, inside a transaction rolled back at the end. For each of
`=`, `+`, `-`, `@`, tab and carriage return, every free text of the database (names, subjects,
answers, comments…) is overwritten with that prefix and a HYPERLINK formula; then every export
listed in EXPORTS is downloaded in each format and read back: no text cell may start with a
prefix, XLSX text cells are strings, and the export shows at least one escaped text (`'=…`) unless
it is listed as showing no stored text. Two checks keep EXPORTS complete: every view that calls
`export_response` is in it, and so is every export link its pages offer.
"""

from __future__ import annotations

import ast
import csv
import inspect
import io
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import tablib
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.db import models, transaction
from django.db.models import Value
from django.db.models.functions import Cast, Concat, Left
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

import mutualis
from mutualis.accounts.models import User
from mutualis.billing.models import Charge
from mutualis.core.exports import FORMATS, FORMULA_PREFIXES
from mutualis.demo.territory import DEMO_ACCOUNTS
from mutualis.equipment.models import Item, LoanStatus
from mutualis.equipment.tests.factories import LoanFactory, RequestFactory
from mutualis.helpdesk.tests.factories import RequestFactory as HelpdeskRequestFactory
from mutualis.purchasing.models import Consultation, ConsultationStatus
from mutualis.surveys.models import Survey
from mutualis.territory.models import Organisation, Territory

pytestmark = pytest.mark.walk

GRAND_DOLE = "200010650"
JOUHE = "39270"
PARIS = ZoneInfo("Europe/Paris")
FORMULA = ('HYPERLINK("http://evil.example/?row=', '","Ouvrir")')  # around the row's pk, for unique columns
# The query parameters with which a page's export links choose what to export (the others filter).
CHOOSERS = ("export", "table")


def jouhe() -> Organisation:
    return Organisation.objects.get(insee_code=JOUHE)


def common_service():
    from mutualis.commonservices.models import CommonService

    return CommonService.objects.filter(territory__siren=GRAND_DOLE).order_by("name").first()


def statement_url() -> str:
    last = Charge.objects.of_organisation(jouhe()).posted().latest("date").date
    return reverse("billing:statement", args=[jouhe().pk]) + f"?month={last:%Y-%m}"


def census() -> Consultation:
    return Consultation.objects.filter(status=ConsultationStatus.CENSUS).earliest("pk")


def answered_survey() -> Survey:
    return Survey.objects.filter(responses__isnull=False).distinct().earliest("pk")


@dataclass(frozen=True)
class Export:
    route: str
    query: str = ""
    url: Callable[[], str] | None = None  # for a route with a row: its URL on the demo
    shows_text: bool = True  # False: only figures, dates and labels the code writes

    def __str__(self) -> str:
        return f"{self.route}?{self.query}" if self.query else self.route

    def address(self) -> str:
        url = self.url() if self.url else reverse(self.route)
        return f"{url}{'&' if '?' in url else '?'}{self.query}" if self.query else url


def dashboard(route: str, *exports: str, no_text: tuple[str, ...] = ()) -> list[Export]:
    return [Export(route, f"export={key}", shows_text=key not in no_text) for key in exports + no_text]


EXPORTS = [
    Export("territory:organisation_list"),
    Export("agreements:convention_list"),
    Export("agreements:adhesions:list"),
    Export("billing:charge_list"),
    Export("billing:statement", url=statement_url),
    Export("equipment:catalogue"),
    Export("equipment:my_requests"),
    Export("equipment:received_requests"),
    Export("equipment:need_list"),
    *dashboard("equipment:dashboard", "categories", "organisations", "unanswered", "overdue", no_text=("months",)),
    Export("replacement:request_list"),
    Export("replacement:agent_list"),
    Export("replacement:assignment_list"),
    Export("purchasing:programme"),
    Export("purchasing:member_list"),
    Export("purchasing:needs_sheet", url=lambda: reverse("purchasing:needs_sheet", args=[census().pk])),
    Export("purchasing:consolidation", url=lambda: reverse("purchasing:consolidation", args=[census().pk])),
    Export("helpdesk:request_list"),
    Export("helpdesk:article_list"),
    # Helpdesk requests are counted by topic, a choice whose labels the code writes.
    *dashboard(
        "helpdesk:dashboard", "organisations", no_text=("topics", "deadlines", "months", "satisfaction", "time")
    ),
    Export("grants:application_list"),
    # The demo's 2020 (every file of the seed's year): the current year may hold none yet on 1 January.
    *(
        Export(
            "grants:dashboard",
            f"export={key}",
            url=lambda: reverse("grants:dashboard") + "?annee=2020",
            shows_text=key != "years",
        )
        for key in ("communes", "sectors", "years")
    ),
    # 2022, the services communs' first year: every past year has its units.
    Export(
        "commonservices:unit_list",
        url=lambda: reverse("commonservices:unit_list", args=[common_service().pk]) + "?annee=2022",
    ),
    Export("network:directory"),
    Export("digital:catalogue"),
    Export("digital:record", url=lambda: reverse("digital:record", args=[jouhe().pk])),
    Export("digital:dashboard"),
    Export("facilities:facility_list"),
    Export("facilities:due_list"),
    Export("surveys:survey_list"),
    Export("surveys:survey_results", url=lambda: reverse("surveys:survey_results", args=[answered_survey().pk])),
    Export(
        "surveys:survey_results",
        "table=responses",
        url=lambda: reverse("surveys:survey_results", args=[answered_survey().pk]),
    ),
    # The workshops' tables group by the names of host communes and their sectors (a workshop of the
    # year whatever the day), else by labels the code writes or by the sectors of the year's visitors.
    *dashboard("workshops:statistics", "communes", "sectors", no_text=("years", "themes", "run_by", "homes")),
    *(
        Export(
            "workshops:public_statistics",
            f"export={key}",
            shows_text=key in ("communes", "sectors"),
            url=lambda: reverse("workshops:public_statistics", kwargs={"siren": GRAND_DOLE}),
        )
        for key in ("years", "communes", "sectors", "themes", "run_by", "homes")
    ),  # fmt: skip
]


def routes(patterns, namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(
                pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            )
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name, pattern.callback


def calls(function) -> set[str]:
    """The names of the functions the function calls."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    return {node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}


def exports_a_file(view) -> bool:
    """The view calls export_response, itself or through a function of its module."""
    view = inspect.unwrap(view)
    module = inspect.getmodule(view)
    writers = {
        name
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__ and "export_response" in calls(function)
    }
    return bool(calls(view) & (writers | {"export_response"}))


def free_text_fields(model: type[models.Model]) -> list[models.Field]:
    """The columns a person types: plain text, no choices, no format (codes, e-mails, tokens keep theirs)."""
    return [
        field
        for field in model._meta.concrete_fields
        if type(field) in (models.CharField, models.TextField)
        and not field.choices
        and not field.unique
        and field.name != "password"
        and all(type(v).__name__ in ("MaxLengthValidator", "ProhibitNullCharactersValidator") for v in field.validators)
    ]


def poison(prefix: str) -> None:
    start, end = FORMULA
    payload = Concat(Value(prefix + start), Cast("pk", models.CharField()), Value(end))
    for model in apps.get_models():
        # The history tables are not exported; rewriting them would only cost time.
        if not model.__module__.startswith("mutualis.") or model.__name__.startswith("Historical"):
            continue
        for field in free_text_fields(model):
            # Only texts already written: a blank one may be required blank (a check constraint).
            model.objects.exclude(**{field.name: ""}).update(
                **{field.name: Left(payload, field.max_length) if field.max_length else payload}
            )


def client_for(email: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


def first_viewer(url: str) -> str:
    """The first demo account (the coordination first) whose download of the CSV URL has rows, else
    the first that may download it."""
    allowed = []
    for email, *_ in DEMO_ACCOUNTS:
        response = client_for(email).get(url)
        if response.status_code == 200:
            if len(response.content.decode("utf-8-sig").splitlines()) > 1:
                return email
            allowed.append(email)
    assert allowed, f"No demo account may open {url}."
    return allowed[0]


def offered_exports(html: str) -> set[str]:
    """The exports a page's links offer, as "route?chooser=value" (the route filled in by the caller)."""
    offered = set()
    for href in re.findall(r'href="([^"]*format=[^"]*)"', html.replace("&amp;", "&")):
        params = dict(parse_qsl(urlsplit(href).query))
        if params["format"] in FORMATS:
            offered.add(urlencode({key: params[key] for key in CHOOSERS if key in params}))
    return offered


def add_rows_the_demo_lacks(territory: Territory) -> None:
    """Whatever the day: an equipment need waiting for ten days, a loan not back on time and a
    question to the expertise desk this year."""
    today, item = timezone.localdate(), Item.objects.filter(territory=territory).earliest("pk")
    contact = User.objects.get(email="maire.jouhe@mutualis.example")
    RequestFactory(
        item=None, owner=None, category=item.category, borrower=jouhe(), contact=contact,
        created_at=timezone.now() - timedelta(days=10),
    )  # fmt: skip
    borrower = Organisation.objects.filter(territory=territory).exclude(pk=item.owner_id).earliest("pk")
    LoanFactory(
        request__item=item, request__borrower=borrower, request__contact=contact,
        request__start=today - timedelta(days=3), request__end=today,
        status=LoanStatus.OUT, checked_out_on=today - timedelta(days=3),
    )  # fmt: skip
    HelpdeskRequestFactory(organisation=jouhe(), created_by=contact)


@dataclass
class Download:
    url: str
    viewer: str


@pytest.fixture(scope="module")
def demo(request, django_db_setup, django_db_blocker):
    """The demo, the URL and viewer of every export, and the exports each page offers (read before any poisoning)."""
    day = date.fromisoformat(request.config.getoption("--today"))
    with (
        time_machine.travel(datetime.combine(day, time(10), tzinfo=PARIS), tick=True),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("load_demo", stdout=io.StringIO())
        add_rows_the_demo_lacks(Territory.objects.get(siren=GRAND_DOLE))
        downloads, offered = {}, {}
        for export in EXPORTS:
            url = export.address()
            downloads[export] = Download(url, first_viewer(f"{url}{'&' if '?' in url else '?'}format=csv"))
            page = client_for(downloads[export].viewer).get(url.split("?")[0])
            if page["Content-Type"].startswith("text/html"):
                offered[export.route] = offered_exports(page.content.decode())
        yield downloads, offered
        transaction.set_rollback(True)


@pytest.fixture(scope="module", params=FORMULA_PREFIXES, ids=repr)
def prefix(request, demo, django_db_blocker):
    with django_db_blocker.unblock():
        poison(request.param)
    return request.param


def cells(content: bytes, fmt: str) -> list[tuple[object, str]]:
    """Every cell of the file read back, with its type ("s" for text)."""
    if fmt == "csv":
        rows = csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";")
        return [(value, "s") for row in rows for value in row]
    if fmt == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        return [(cell.value, cell.data_type) for row in sheet.iter_rows() for cell in row if cell.value is not None]
    dataset = tablib.Dataset().load(content, format="ods")
    return [(value, "s" if isinstance(value, str) else "n") for row in [dataset.headers, *dataset] for value in row]


def is_csv_number(text: str) -> bool:
    """A number as the French CSV writes it: a negative amount stays a number, not text."""
    return re.fullmatch(r"-\d+(,\d+)?", text) is not None


@pytest.mark.django_db
@pytest.mark.parametrize("export", EXPORTS, ids=str)
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_no_export_carries_a_formula(demo, prefix, export, fmt):
    downloads, _ = demo
    download = downloads[export]
    url = f"{download.url}{'&' if '?' in download.url else '?'}format={fmt}"
    response = client_for(download.viewer).get(url)
    assert response.status_code == 200, url
    read = cells(response.content, fmt)
    texts = [value for value, kind in read if kind == "s"]
    assert {kind for _, kind in read} <= {"s", "n", "d", "b"}, f"{url}: a cell is a formula or an error"
    dangerous = [t for t in texts if t.startswith(FORMULA_PREFIXES) and not (fmt == "csv" and is_csv_number(t))]
    assert not dangerous, f"{url} as {download.viewer}: {dangerous[:3]}"
    if export.shows_text:
        assert any(t.startswith("'") and "HYP" in t for t in texts), f"{url} shows no stored text: {texts[:12]}"


def test_every_view_that_exports_is_listed():
    exporting = {name for name, view in routes(get_resolver().url_patterns) if exports_a_file(view)}
    assert exporting == {export.route for export in EXPORTS}


def test_every_export_a_page_offers_is_listed(demo):
    _, offered = demo
    listed = {(export.route, export.query) for export in EXPORTS}
    missing = {(route, query) for route, queries in offered.items() for query in queries} - listed
    assert not missing


def test_only_core_exports_writes_spreadsheets():
    """A file written another way would skip the escape."""
    writers = re.compile(r"\.export\(|csv\.(Dict)?[wW]riter|Workbook\(|OpenDocumentSpreadsheet\(|xlsxwriter")
    root = Path(mutualis.__file__).parent
    found = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts and writers.search(path.read_text(encoding="utf-8"))
    ]
    # The SCDL and mediation places files are open data in national formats read by programs: their
    # values stay exact.
    assert sorted(found) == ["core/exports.py", "grants/scdl.py", "workshops/mediation.py"]
