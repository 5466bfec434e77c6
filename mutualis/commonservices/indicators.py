"""Figures of the services communs for steering; periods are half-open [start, end).

The unit cost is the mean, over the services with a cost sheet ending in the period, of the unit
cost from the accounts (the budget's when the accounts are not in yet); the balance is what the
adherents were called and settled for in the period's years, less the services' cost.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from mutualis.agreements.models import Adhesion
from mutualis.commonservices.models import CommonService, CostSheet, Instalment, UnitUse
from mutualis.core.indicators import indicator
from mutualis.core.periods import day_start
from mutualis.territory.models import Service, Territory


def _years(start: date, end: date) -> range:
    return range(start.year, (end.year if end.month == 1 and end.day == 1 else end.year + 1))


@indicator("commonservices.offered", _("Services communs proposés"))
def offered(territory: Territory, start: date, end: date) -> int:
    return CommonService.objects.filter(territory=territory, active=True, created_at__lt=day_start(end)).count()


@indicator("commonservices.adhesions", _("Adhésions aux services communs"))
def adhesions(territory: Territory, start: date, end: date) -> int:
    """Adhesions in force some day of the period, a member counted once per service it joined."""
    return (
        Adhesion.objects.filter(
            territory=territory,
            service=Service.COMMON_SERVICES,
            subject_type=ContentType.objects.get_for_model(CommonService),
        )
        .during(start, end)
        .values("organisation_id", "subject_id")
        .distinct()
        .count()
    )


@indicator("commonservices.units", _("Unités d'œuvre des services communs délivrées"))
def units(territory: Territory, start: date, end: date) -> Decimal:
    total = UnitUse.objects.filter(service__territory=territory).between(start, end).aggregate(total=Sum("units"))
    return (total["total"] or Decimal("0")).quantize(Decimal("0.001"))


def _unit_costs(territory: Territory, start: date, end: date) -> dict[int, CostSheet]:
    """Each service's sheet of the period's last year with one: the accounts, else the budget."""
    sheets = CostSheet.objects.filter(service__territory=territory, year__in=_years(start, end)).with_totals()
    chosen: dict[int, CostSheet] = {}
    for sheet in sheets.order_by("year", "-source"):  # budget before accounts within a year
        if sheet.total:
            chosen[sheet.service_id] = sheet
    return chosen


@indicator("commonservices.unit_cost", _("Coût unitaire moyen des services communs (€)"))
def unit_cost(territory: Territory, start: date, end: date) -> Decimal:
    sheets = _unit_costs(territory, start, end).values()
    if not sheets:
        return Decimal("0")
    return (sum(sheet.unit_cost for sheet in sheets) / len(sheets)).quantize(Decimal("0.01"))


@indicator("commonservices.balance", _("Solde des services communs : remboursements moins coût (€)"))
def balance(territory: Territory, start: date, end: date) -> Decimal:
    years = _years(start, end)
    reimbursed = Instalment.objects.filter(service__territory=territory, year__in=years).total()
    cost = Decimal("0")
    by_service_year: dict[tuple[int, int], Decimal] = {}
    sheets = CostSheet.objects.filter(service__territory=territory, year__in=years).with_totals()
    for sheet in sheets.order_by("year", "-source"):
        by_service_year[(sheet.service_id, sheet.year)] = sheet.total
    cost = sum(by_service_year.values(), cost)
    return reimbursed - cost
