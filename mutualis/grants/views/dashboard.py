"""The fonds de concours' dashboard for a year: its figures (the registered indicators), then the
same counts and sums by commune and by sector, and year by year; every table exportable with
`?export=<table>&format=…`. Each table groups the indicators' own querysets: five queries a table,
whatever the number of files."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import tablib
from django.db.models import Count, F, Sum
from django.db.models.functions import ExtractYear
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from mutualis.core.exports import export_dataset, export_response
from mutualis.core.indicators import figures
from mutualis.core.params import EARLIEST, LATEST, year_param
from mutualis.core.periods import current_year, year_span
from mutualis.grants import indicators
from mutualis.territory.access import requires
from mutualis.territory.models import Territory

ZERO = Decimal("0.00")


@dataclass
class Line:
    label: object
    filed: int = 0
    granted: int = 0
    refused: int = 0
    lapsed: int = 0
    amount_granted: Decimal = ZERO
    paid: Decimal = ZERO
    investment: Decimal = ZERO

    @property
    def leverage(self) -> Decimal | None:
        return indicators.leverage_of(self.investment, self.amount_granted) if self.amount_granted else None

    def cells(self) -> list:
        return [self.label, self.filed, self.granted, self.refused, self.lapsed, self.amount_granted, self.paid,
                self.investment, self.leverage]  # fmt: skip


@dataclass
class Table:
    key: str
    title: str
    heading: str  # the first column's: what a line is
    lines: list[Line]

    @staticmethod
    def headers() -> list[str]:
        return [_("Déposés"), _("Attribués"), _("Refusés"), _("Caducs"), _("Montant attribué (€)"),
                _("Montant versé (€)"), _("Investissement HT soutenu (€)"), _("Effet de levier")]  # fmt: skip


# How a table groups a row: by what the Application reached through `prefix` belongs to, or by the
# row's own day that puts it in the period; then the label shown for a group's value.
Grouping = Callable[[str, str], object]


def tally(
    territory: Territory, start: date, end: date, group: Grouping, label: Callable[[object], object]
) -> list[Line]:
    """The indicators' figures for [start, end), split by `group`: one query per figure."""
    lines: dict[object, Line] = {}

    def add(rows, **fields) -> None:
        for row in rows:
            line = lines.setdefault(row["group"], Line(label(row["group"])))
            for field, source in fields.items():
                setattr(line, field, row[source])

    def grouped(queryset, prefix: str, day: str):
        return queryset.annotate(group=group(prefix, day)).values("group").order_by()

    add(grouped(indicators.filed(territory, start, end), "", "submitted_on").annotate(n=Count("pk")), filed="n")
    add(
        grouped(indicators.granted(territory, start, end), "", "decided_on").annotate(
            n=Count("pk"), amount=Sum("granted_amount"), cost=Sum("cost_ht")
        ),
        granted="n",
        amount_granted="amount",
        investment="cost",
    )
    add(grouped(indicators.refused(territory, start, end), "", "decided_on").annotate(n=Count("pk")), refused="n")
    add(grouped(indicators.lapsed(territory, start, end), "", "lapsed_on").annotate(n=Count("pk")), lapsed="n")
    add(grouped(indicators.payments(territory, start, end), "application__", "paid_on").annotate(total=Sum("amount")),
        paid="total")  # fmt: skip
    return sorted(lines.values(), key=lambda line: str(line.label))


def by_commune(territory: Territory, year: int) -> Table:
    lines = tally(territory, *year_span(year), lambda prefix, _day: F(f"{prefix}organisation__name"), str)
    return Table("communes", _("Par commune"), _("Commune"), lines)


def by_sector(territory: Territory, year: int) -> Table:
    lines = tally(
        territory, *year_span(year), lambda prefix, _day: F(f"{prefix}organisation__sector__name"),
        lambda name: name or _("Sans secteur"),
    )  # fmt: skip
    return Table("sectors", _("Par secteur"), _("Secteur"), lines)


def by_year(territory: Territory, year: int) -> Table:
    """Every year up to the one shown, each counted by its own days (filed, decided, lapsed, paid)."""
    lines = tally(territory, EARLIEST, date(year + 1, 1, 1), lambda _prefix, day: ExtractYear(day), int)
    return Table("years", _("Année par année"), _("Année"), sorted(lines, key=lambda line: line.label, reverse=True))


BUILDERS: dict[str, Callable[[Territory, int], Table]] = {
    "communes": by_commune,
    "sectors": by_sector,
    "years": by_year,
}


@requires("grants.manage")
def dashboard(request: HttpRequest) -> HttpResponse:
    year = year_param(request, "annee", current_year(), hi=LATEST.year - 1)
    if "export" in request.GET:
        if request.GET["export"] not in BUILDERS:
            raise Http404
        table = BUILDERS[request.GET["export"]](request.territory, year)
        return export_response(table_dataset(table), request.GET.get("format", "csv"),
                               f"fonds-de-concours-{table.key}-{year}")  # fmt: skip
    context = {
        "year": year,
        "figures": figures(request.territory, year, "grants."),
        "tables": [build(request.territory, year) for build in BUILDERS.values()],
        "headers": Table.headers(),
    }
    return render(request, "grants/dashboard.html", context)


def table_dataset(table: Table) -> tablib.Dataset:
    return export_dataset([table.heading, *Table.headers()], [line.cells() for line in table.lines], title=table.title)
