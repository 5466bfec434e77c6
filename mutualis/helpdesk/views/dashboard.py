"""The desk's dashboard for a year: requests by topic, month and organisation, deadlines met,
satisfaction and time billed; every table exportable with `?export=<table>&format=…`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import tablib
from django import forms
from django.db.models import Avg, Count, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutualis.core.exports import export_dataset, export_response
from mutualis.core.forms import Form
from mutualis.core.indicators import figures
from mutualis.core.periods import MonthStart, current_year, year_span
from mutualis.helpdesk import indicators
from mutualis.helpdesk.models import Request, TimeEntry, Topic
from mutualis.territory.access import requires
from mutualis.territory.models import Territory


class DashboardForm(Form):
    year = forms.IntegerField(label=gettext_lazy("Année"), min_value=2000, max_value=2100)


@dataclass
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list]


def _topic(value: str) -> str:
    return Topic(value).label


@dataclass
class Year:
    """The requests and billable time of the territory's year, as its indicators read them."""

    territory: Territory
    start: date
    end: date

    @property
    def requests(self):
        return Request.objects.filter(territory=self.territory).created_between(self.start, self.end)

    @property
    def entries(self):
        return TimeEntry.objects.billable().filter(
            request__territory=self.territory, day__gte=self.start, day__lt=self.end
        )


def by_topic(year: Year) -> Table:
    received = dict(year.requests.values_list("topic").annotate(count=Count("pk")).order_by())
    resolved = Request.objects.filter(territory=year.territory).resolved_between(year.start, year.end)
    answered = dict(resolved.values_list("topic").annotate(count=Count("pk")).order_by())
    topics = sorted(set(received) | set(answered), key=lambda t: (-received.get(t, 0), t))
    rows = [[_topic(t), received.get(t, 0), answered.get(t, 0)] for t in topics]
    return Table("topics", _("Sollicitations par thème"), [_("Thème"), _("Reçues"), _("Répondues")], rows)


def by_month(year: Year) -> Table:
    counts = year.requests.annotate(month=MonthStart("created_on")).values("month").annotate(count=Count("pk"))
    rows = [[r["month"].strftime("%m/%Y"), r["count"]] for r in counts.order_by("month")]
    return Table("months", _("Sollicitations par mois"), [_("Mois"), _("Reçues")], rows)


def by_organisation(year: Year) -> Table:
    counts = year.requests.values("organisation__name").annotate(count=Count("pk"))
    minutes = dict(year.entries.values_list("request__organisation__name").annotate(total=Sum("minutes")).order_by())
    rows = [
        [r["organisation__name"], r["count"], round(minutes.get(r["organisation__name"], 0) / 60, 2)]
        for r in counts.order_by("-count", "organisation__name")
    ]
    return Table("organisations", _("Sollicitations par organisation"),
                 [_("Organisation"), _("Sollicitations"), _("Heures facturables")], rows)  # fmt: skip


def deadlines(year: Year) -> Table:
    """Per topic, the deadlines the year's on-time shares are computed from (helpdesk.indicators)."""
    counts = {}
    for name, fields in (("first", indicators.FIRST_RESPONSE), ("resolution", indicators.RESOLUTION)):
        due = indicators.deadlines_due(year.territory, year.start, year.end, *fields)
        rows = due.values("topic").annotate(due=Count("pk"), on_time=Count("pk", filter=indicators.on_time(*fields)))
        counts[name] = {r["topic"]: (r["due"], r["on_time"]) for r in rows.order_by()}
    rows = [
        [_topic(t), *counts["first"].get(t, (0, 0)), *counts["resolution"].get(t, (0, 0))]
        for t in sorted(set(counts["first"]) | set(counts["resolution"]))
    ]
    return Table("deadlines", _("Délais tenus"),
                 [_("Thème"), _("Premières réponses dues"), _("dont à temps"), _("Résolutions dues"),
                  _("dont à temps")], rows)  # fmt: skip


def satisfaction(year: Year) -> Table:
    rated = indicators.rated_in(year.territory, year.start, year.end).values("topic")
    rows = [[_topic(r["topic"]), r["count"], round(r["average"], 1)]
            for r in rated.annotate(count=Count("pk"), average=Avg("rating")).order_by("topic")]  # fmt: skip
    return Table("satisfaction", _("Satisfaction"), [_("Thème"), _("Réponses notées"), _("Note moyenne")], rows)


def time_billed(year: Year) -> Table:
    months = year.entries.annotate(month=MonthStart("day")).values("month").annotate(total=Sum("minutes"))
    rows = [[r["month"].strftime("%m/%Y"), round(r["total"] / 60, 2)] for r in months.order_by("month")]
    return Table("time", _("Temps facturable par mois"), [_("Mois"), _("Heures")], rows)


BUILDERS: dict[str, Callable[[Year], Table]] = {
    "topics": by_topic,
    "months": by_month,
    "organisations": by_organisation,
    "deadlines": deadlines,
    "satisfaction": satisfaction,
    "time": time_billed,
}


@requires("helpdesk.view_dashboard")
def dashboard(request: HttpRequest) -> HttpResponse:
    form = DashboardForm(request.GET or None, initial={"year": current_year()})
    year = form.cleaned_data["year"] if form.is_valid() else current_year()
    period = Year(request.territory, *year_span(year))
    if "export" in request.GET:
        if request.GET["export"] not in BUILDERS:
            raise Http404
        table = BUILDERS[request.GET["export"]](period)
        return export_response(table_dataset(table), request.GET.get("format", "csv"), f"expertise-{table.key}")
    context = {
        "form": form,
        "year": year,
        "figures": figures(request.territory, year, "helpdesk."),
        "tables": [build(period) for build in BUILDERS.values()],
    }
    return render(request, "helpdesk/dashboard.html", context)


def table_dataset(table: Table) -> tablib.Dataset:
    return export_dataset(table.headers, table.rows, title=table.title)
