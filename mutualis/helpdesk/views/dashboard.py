"""The desk's dashboard for a year: requests by topic, month and organisation, deadlines met,
satisfaction and time billed; every table exportable with `?export=<table>&format=…`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import tablib
from django import forms
from django.db.models import Avg, Count, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutualis.core.exports import export_dataset, export_response
from mutualis.core.indicators import registry
from mutualis.helpdesk.models import Request, Status, TimeEntry, Topic
from mutualis.territory.access import requires


class DashboardForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Année"), min_value=2000, max_value=2100)


@dataclass
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list]


def _topic(value: str) -> str:
    return Topic(value).label


def by_topic(requests, entries) -> Table:
    counts = requests.values("topic").annotate(
        count=Count("pk"), answered=Count("pk", filter=Q(status__in=[Status.RESOLVED, Status.CLOSED]))
    )
    rows = [[_topic(r["topic"]), r["count"], r["answered"]] for r in counts.order_by("-count", "topic")]
    return Table("topics", _("Sollicitations par thème"), [_("Thème"), _("Reçues"), _("Répondues")], rows)


def by_month(requests, entries) -> Table:
    counts = requests.annotate(month=TruncMonth("created_on")).values("month").annotate(count=Count("pk"))
    rows = [[r["month"].strftime("%m/%Y"), r["count"]] for r in counts.order_by("month")]
    return Table("months", _("Sollicitations par mois"), [_("Mois"), _("Reçues")], rows)


def by_organisation(requests, entries) -> Table:
    counts = requests.values("organisation__name").annotate(count=Count("pk"))
    minutes = dict(entries.values_list("request__organisation__name").annotate(total=Sum("minutes")).order_by())
    rows = [
        [r["organisation__name"], r["count"], round(minutes.get(r["organisation__name"], 0) / 60, 2)]
        for r in counts.order_by("-count", "organisation__name")
    ]
    return Table("organisations", _("Sollicitations par organisation"),
                 [_("Organisation"), _("Sollicitations"), _("Heures facturables")], rows)  # fmt: skip


def deadlines(requests, entries) -> Table:
    live = requests.exclude(status=Status.CANCELLED)
    counts = live.values("topic").annotate(
        count=Count("pk"),
        first_on_time=Count("pk", filter=Q(first_response_at__date__lte=F("first_response_due"))),
        resolved_on_time=Count("pk", filter=Q(resolved_at__date__lte=F("resolution_due"))),
    )
    rows = [
        [_topic(r["topic"]), r["count"], r["first_on_time"], r["resolved_on_time"]] for r in counts.order_by("topic")
    ]
    return Table("deadlines", _("Délais tenus"),
                 [_("Thème"), _("Sollicitations"), _("Première réponse à temps"), _("Résolution à temps")],
                 rows)  # fmt: skip


def satisfaction(requests, entries) -> Table:
    rated = requests.filter(rating__isnull=False).values("topic").annotate(count=Count("pk"), average=Avg("rating"))
    rows = [[_topic(r["topic"]), r["count"], round(r["average"], 1)] for r in rated.order_by("topic")]
    return Table("satisfaction", _("Satisfaction"), [_("Thème"), _("Réponses notées"), _("Note moyenne")], rows)


def time_billed(requests, entries) -> Table:
    months = entries.annotate(month=TruncMonth("day")).values("month").annotate(total=Sum("minutes"))
    rows = [[r["month"].strftime("%m/%Y"), round(r["total"] / 60, 2)] for r in months.order_by("month")]
    return Table("time", _("Temps facturable par mois"), [_("Mois"), _("Heures")], rows)


BUILDERS: dict[str, Callable] = {
    "topics": by_topic,
    "months": by_month,
    "organisations": by_organisation,
    "deadlines": deadlines,
    "satisfaction": satisfaction,
    "time": time_billed,
}


@requires("helpdesk.view_dashboard")
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = DashboardForm(request.GET or None, initial={"year": today.year})
    year = form.cleaned_data["year"] if form.is_valid() else today.year
    start, end = date(year, 1, 1), date(year + 1, 1, 1)
    requests = Request.objects.filter(territory=request.territory, created_on__gte=start, created_on__lt=end)
    entries = TimeEntry.objects.billable().filter(request__territory=request.territory, day__gte=start, day__lt=end)
    if "export" in request.GET:
        if request.GET["export"] not in BUILDERS:
            raise Http404
        table = BUILDERS[request.GET["export"]](requests, entries)
        return export_response(table_dataset(table), request.GET.get("format", "csv"), f"expertise-{table.key}")
    figures = [
        (item.label, item.compute(request.territory, start, end))
        for key, item in registry.items()
        if key.startswith("helpdesk.")
    ]
    context = {
        "form": form,
        "year": year,
        "figures": figures,
        "tables": [build(requests, entries) for build in BUILDERS.values()],
    }
    return render(request, "helpdesk/dashboard.html", context)


def table_dataset(table: Table) -> tablib.Dataset:
    return export_dataset(table.headers, table.rows, title=table.title)
