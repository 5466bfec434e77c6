"""A member's commitments and savings; the club's figures for those who run it."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from mutualis.agreements.models import Adhesion
from mutualis.core.indicators import registry
from mutualis.core.periods import year_span
from mutualis.purchasing.consolidation import commitments_of, savings_by_member, total_savings
from mutualis.purchasing.models import Consultation, Need
from mutualis.territory.access import requires
from mutualis.territory.models import Organisation, Service


@requires("purchasing.view_commitments")
def commitments(request: HttpRequest) -> HttpResponse:
    """The current organisation's own lines, at its own prices: never another member's."""
    organisation = request.membership.organisation
    lots = commitments_of(organisation)
    context = {
        "organisation": organisation,
        "commitments": lots,
        "amount": sum((c.amount for c in lots), Decimal("0.00")),
        "saving": sum((c.saving for c in lots), Decimal("0.00")),
    }
    return render(request, "purchasing/commitments.html", context)


@requires("purchasing.manage")
def dashboard(request: HttpRequest) -> HttpResponse:
    territory = request.territory
    today = timezone.localdate()
    year = today.year
    start, end = year_span(year)
    figures = [
        (indicator.label, indicator.compute(territory, start, end))
        for key, indicator in sorted(registry.items())
        if key.startswith("purchasing.")
    ]
    members = Adhesion.objects.of_service(Service.PURCHASING).filter(territory=territory).active_on(today)
    member_count = members.values("organisation").distinct().count()
    consultations = (
        Consultation.objects.filter(territory=territory)
        .exclude(status="planned")
        .annotate(answer_count=Count("answers", distinct=True), need_count=Count("needs", distinct=True))
        .order_by("-target_launch")
    )
    needs = Need.objects.filter(consultation__territory=territory)
    savings = savings_by_member(needs)
    names = dict(Organisation.objects.filter(pk__in=savings).values_list("pk", "name"))
    context = {
        "year": year,
        "figures": figures,
        "member_count": member_count,
        "consultations": consultations,
        "savings": sorted(((names[pk], amount) for pk, amount in savings.items()), key=lambda row: -row[1]),
        "total_saving": total_savings(needs),
    }
    return render(request, "purchasing/dashboard.html", context)
