"""The expertise cell's view of the facilities: figures of the year and inspections due."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from mutualis.core.indicators import registry
from mutualis.facilities.models import InspectionPlan
from mutualis.territory.access import requires


@requires("facilities.view_dashboard")
def dashboard(request: HttpRequest) -> HttpResponse:
    territory, today = request.territory, timezone.localdate()
    start, end = date(today.year, 1, 1), date(today.year + 1, 1, 1)
    figures = [(ind.label, ind.compute(territory, start, end)) for key, ind in sorted(registry.items())
               if key.startswith("facilities.")]  # fmt: skip
    plans = InspectionPlan.objects.filter(territory=territory)
    by_owner = (
        plans.due(today)
        .values("facility__owner__name")
        .annotate(overdue=Count("pk", filter=Q(next_due_on__lt=today)), due=Count("pk"))
        .order_by("facility__owner__name")
    )
    context = {
        "figures": figures,
        "year": today.year,
        "by_owner": by_owner,
        "overdue": plans.overdue(today).with_list_data()[:20],
        "today": today,
    }
    return render(request, "facilities/dashboard.html", context)
