"""The digital service's view of action 9: the year's figures, software and RGPD coverage."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from mutualis.core.exports import export_dataset, export_response
from mutualis.core.indicators import Figure, registry
from mutualis.core.params import year_param
from mutualis.core.periods import current_year, year_span
from mutualis.digital.models import MaintenanceCost, Software
from mutualis.territory.access import requires
from mutualis.territory.models import OrganisationKind, Service

KEYS = ["digital.software_offered", "digital.organisations_using_software", "digital.maintenance_shared",
              "digital.organisations_with_record", "digital.processing_activities"]  # fmt: skip


@requires("digital.view_dashboard")
def dashboard(request: HttpRequest) -> HttpResponse:
    territory, year = request.territory, year_param(request, "annee", current_year(), 2000, 2100)
    start, end = year_span(year)
    coverage = (
        territory.organisations.active()
        .exclude(kind=OrganisationKind.EPCI)
        .annotate(
            activity_count=Count(
                "processing_activities", filter=Q(processing_activities__archived_at__isnull=True), distinct=True
            ),
            software_count=Count(
                "adhesions__subject_id",
                filter=Q(adhesions__service=Service.DIGITAL, adhesions__start__lt=end)
                & (Q(adhesions__end__isnull=True) | Q(adhesions__end__gt=start)),
                distinct=True,
            ),
        )
        .order_by("activity_count", "search_name")
    )
    if "format" in request.GET:
        headers = [_("Organisation"), _("Traitements au registre RGPD"), _("Logiciels partagés utilisés")]
        rows = ([o.name, o.activity_count, o.software_count] for o in coverage)
        return export_response(export_dataset(headers, rows, _("Couverture")), request.GET["format"], "numerique")
    software = Software.objects.filter(territory=territory).offered().with_list_data()
    costs = {c.software_id: c for c in MaintenanceCost.objects.filter(software__territory=territory, year=year)}
    context = {
        "year": year,
        "years": range(year - 2, year + 2),
        "figures": [Figure(key, registry[key].label, registry[key].compute(territory, start, end)) for key in KEYS],
        "software": [(s, costs.get(s.pk)) for s in software],
        "coverage": coverage,
    }
    return render(request, "digital/dashboard.html", context)
