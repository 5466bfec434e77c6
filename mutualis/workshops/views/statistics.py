"""The statistics of the workshops, without names, and their exports: the staff's page, and the
public page where every count of fewer people than the territory's minimum is hidden."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from mutualis.core.exports import export_response
from mutualis.core.indicators import figures
from mutualis.core.params import year_param
from mutualis.core.periods import current_year
from mutualis.territory.access import requires
from mutualis.territory.models import Territory
from mutualis.workshops.models import Policy
from mutualis.workshops.statistics import dataset, headers, tables
from mutualis.workshops.views.public import public_context, territory_of


def _page(request: HttpRequest, territory: Territory, *, public: bool, context: dict | None = None) -> HttpResponse:
    """The statistics page of a year and its exports (`?export=<table>&format=…`), for the staff
    or (`public`) for anyone, with the small counts hidden."""
    year = year_param(request, "annee", current_year())
    minimum = Policy.of(territory).public_minimum if public else 0
    built = tables(territory, year)
    if "export" in request.GET:
        table = next((table for table in built if table.key == request.GET["export"]), None)
        if table is None:
            raise Http404
        return export_response(dataset(table, minimum), request.GET.get("format", "csv"),
                               f"ateliers-numeriques-{table.key}-{year}")  # fmt: skip
    rows = [(table, [(line, line.cells(minimum)) for line in table.lines],
             table.total.cells(minimum) if table.total else None) for table in built]  # fmt: skip
    context = {**(context or {}), "year": year, "rows": rows, "headers": headers(), "public": public,
               "minimum": minimum, "figures": [] if public else figures(territory, year, "workshops.")}  # fmt: skip
    return render(request, "workshops/statistics.html", context)


@requires("workshops.manage")
def statistics_page(request: HttpRequest) -> HttpResponse:
    return _page(request, request.territory, public=False)


def public_statistics(request: HttpRequest, siren: str) -> HttpResponse:
    territory = territory_of(siren)
    return _page(request, territory, public=True, context=public_context(territory))
