"""What the ad hoc commission reads per service and year: adherents, units, unit cost, balance.

Every figure comes in one query per kind of row for all the years, so that a page shows any
number of years and services at a bounded cost.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Sum
from django.db.models.functions import ExtractYear

from mutualis.agreements.models import Adhesion
from mutualis.commonservices.costs import THOUSANDTH
from mutualis.commonservices.models import CommonService, CostSheet, Instalment, Source, UnitUse
from mutualis.core.money import CENT
from mutualis.core.periods import year_span
from mutualis.territory.models import Service


@dataclass
class YearFigures:
    year: int
    adherents: int = 0
    units: Decimal = Decimal("0")
    budget_unit_cost: Decimal | None = None
    accounts_unit_cost: Decimal | None = None
    cost: Decimal | None = None  # from the accounts, else the budget
    reimbursed: Decimal = Decimal("0")

    @property
    def balance(self) -> Decimal | None:
        """Reimbursements less the cost: what the agglomeration keeps bearing (negative) or got back."""
        return None if self.cost is None else self.reimbursed - self.cost


def years_of(services: list[CommonService]) -> dict[int, dict[int, YearFigures]]:
    """{service id: {year: figures}} for the given services, every year with a cost, a use or an amount."""
    figures: dict[int, dict[int, YearFigures]] = {service.pk: {} for service in services}

    def at(service_id: int, year: int) -> YearFigures:
        return figures[service_id].setdefault(year, YearFigures(year))

    for sheet in CostSheet.objects.filter(service__in=services).with_totals().order_by("year", "source"):
        row = at(sheet.service_id, sheet.year)
        if sheet.source == Source.BUDGET:
            row.budget_unit_cost = sheet.unit_cost
            row.cost = row.cost if row.accounts_unit_cost is not None else sheet.total
        else:
            row.accounts_unit_cost, row.cost = sheet.unit_cost, sheet.total
    uses = (
        UnitUse.objects.filter(service__in=services)
        .annotate(year=ExtractYear("day"))
        .order_by()
        .values("service_id", "year")
        .annotate(total=Sum("units"))
    )
    for use in uses:
        at(use["service_id"], use["year"]).units = use["total"].quantize(THOUSANDTH)
    amounts = Instalment.objects.filter(service__in=services).order_by().values("service_id", "year")
    for row in amounts.annotate(total=Sum("amount")):
        at(row["service_id"], row["year"]).reimbursed = row["total"].quantize(CENT)
    subject_type = ContentType.objects.get_for_model(CommonService)
    adhesions = list(
        Adhesion.objects.filter(
            service=Service.COMMON_SERVICES, subject_type=subject_type, subject_id__in=list(figures)
        )
    )
    for service_id, years in figures.items():
        for year, row in years.items():
            start, end = year_span(year)
            row.adherents = sum(1 for a in adhesions if a.subject_id == service_id and a.days_in(start, end))
    return {service_id: dict(sorted(years.items())) for service_id, years in figures.items()}
