"""The commune's account: what an organisation pays and receives in a year, and on what terms."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mutualis.agreements.models import Adhesion, Convention
from mutualis.billing.models import Charge
from mutualis.core.params import year_param
from mutualis.core.periods import current_year, year_span
from mutualis.core.received import received_by, total_value
from mutualis.territory.access import requires
from mutualis.territory.models import Organisation, Service

YEARS_SHOWN = 5


def payments(charges, year: int) -> dict:
    """The year's posted charges as a table of months (rows) by service (columns), with totals."""
    cells = {(row["month"].month, row["service"]): row["total"] for row in charges.totals_by_service_and_month()}
    services = sorted({service for _month, service in cells}, key=lambda service: Service(service).label)
    months = [
        {
            "month": date(year, number, 1),
            "amounts": [cells.get((number, service)) for service in services],
            "total": sum(cells.get((number, service)) or 0 for service in services),
        }
        for number in range(1, 13)
    ]
    return {
        "services": [Service(service).label for service in services],
        "months": [month for month in months if any(month["amounts"])],
        "service_totals": [sum(cells.get((m, service)) or 0 for m in range(1, 13)) for service in services],
        "total": sum(cells.values()),
    }


def account_panel(request: HttpRequest, organisation: Organisation) -> dict | None:
    """The link from the organisation's page to its account, for those who may read it."""
    return {} if request.user.has_perm("billing.view_organisation_charges", organisation) else None


@requires("billing.view_organisation_charges", model=Organisation)
def account(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    year = year_param(request, "annee", current_year())
    start, end = year_span(year)
    charges = Charge.objects.visible_to(request.user).of_organisation(organisation).in_period(start, end)
    received = received_by(organisation, year)
    adhesions = (
        Adhesion.objects.visible_to(request.user)
        .filter(organisation=organisation)
        .during(start, end)
        .with_list_data()
        .with_subjects()
    )
    conventions = (
        Convention.objects.visible_to(request.user).for_organisation(organisation).during(start, end)
    ).with_list_data()
    context = {
        "organisation": organisation,
        "year": year,
        "years": range(current_year() - YEARS_SHOWN + 1, current_year() + 1),
        "payments": payments(charges, year),
        "received": received,
        "received_value": total_value(received),
        "adhesions": adhesions,
        "conventions": conventions,
    }
    return render(request, "portal/account.html", context)
