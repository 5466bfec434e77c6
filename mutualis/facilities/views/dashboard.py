"""The expertise cell's view of the facilities: figures of the year and inspections due."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from mutualis.core.indicators import figures
from mutualis.facilities.models import InspectionPlan
from mutualis.territory.access import requires


@requires("facilities.view_dashboard")
def dashboard(request: HttpRequest) -> HttpResponse:
    territory, today = request.territory, timezone.localdate()
    plans = InspectionPlan.objects.filter(territory=territory)
    by_owner = (
        plans.due(today)
        .values("facility__owner__name")
        .annotate(overdue=Count("pk", filter=Q(next_due_on__lt=today)), due=Count("pk"))
        .order_by("facility__owner__name")
    )
    context = {
        "figures": figures(territory, today.year, "facilities."),
        "year": today.year,
        "by_owner": by_owner,
        "overdue": plans.overdue(today).with_list_data()[:20],
        "today": today,
    }
    return render(request, "facilities/dashboard.html", context)
