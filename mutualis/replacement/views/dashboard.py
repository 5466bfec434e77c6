"""The service manager's dashboard: the year's figures, organisations served by kind, missions
and hours by motive and by month."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mutualis.core.charts import Chart, bar_chart, months
from mutualis.core.indicators import registry
from mutualis.core.params import year_param
from mutualis.core.periods import MonthStart, current_year, year_span
from mutualis.replacement import indicators
from mutualis.replacement.models import Motive
from mutualis.territory.access import requires
from mutualis.territory.models import OrganisationKind

FIGURES = ["requests_received", "organisations_served", "missions", "hours", "coverage_rate", "mean_delay_days",
           "occupation_rate"]  # fmt: skip
FIGURES = [f"replacement.{key}" for key in FIGURES]


@requires("replacement.view_dashboard")
def dashboard(request: HttpRequest) -> HttpResponse:
    year = year_param(request, "annee", current_year())
    territory, (start, end) = request.territory, year_span(year)
    missions = indicators.missions_meeting(territory, start, end)
    hours = indicators.validated_hours(territory, start, end)
    figures = [(registry[key].label, registry[key].compute(territory, start, end)) for key in FIGURES]
    by_kind = missions.order_by().values("organisation__kind").annotate(count=Count("organisation_id", distinct=True))
    missions_by_motive = dict(missions.order_by().values_list("request__motive").annotate(count=Count("pk")))
    hours_by_motive = dict(hours.order_by().values_list("assignment__request__motive").annotate(total=Sum("hours")))
    by_month = hours.order_by().annotate(month=MonthStart("week")).values("month")
    by_month = by_month.annotate(total=Sum("hours"), missions=Count("assignment_id", distinct=True)).order_by("month")
    context = {
        "year": year,
        "figures": figures,
        "by_kind": [(OrganisationKind(row["organisation__kind"]).label, row["count"]) for row in by_kind],
        "by_motive": [
            (label, missions_by_motive.get(code, 0), hours_by_motive.get(code, 0)) for code, label in Motive.choices
        ],
        "by_month": by_month,
        "missions_chart": missions_chart(year, by_month),
    }
    return render(request, "replacement/dashboard.html", context)


def missions_chart(year: int, by_month) -> Chart:
    """The table's missions per month, every month of the year in its place."""
    missions = {row["month"]: row["missions"] for row in by_month}
    year_months = months(date(year, 1, 1), date(year, 12, 1))
    return bar_chart(
        _("Missions ayant des heures validées, par mois, en %(year)d") % {"year": year},
        [date_format(month, "F") for month in year_months],
        {_("Missions"): [missions.get(month, 0) for month in year_months]},
        x_title=_("Mois"),
    )
