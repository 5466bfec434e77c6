"""Figures of the schéma per action and year: indicators (efficacité, efficience) and economic balance.

Efficacité = result / target; efficience = result / resources, where resources are the costs
declared for the action that year. Revenues are the charges posted that year for the service the
action steers, in a year its schéma is in force (`schedule`), cancelled ones excepted. A ratio
over zero or over nothing is None, shown as "—".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum
from django.db.models.functions import ExtractYear

from mutualis.billing.models import Charge
from mutualis.core.indicators import registry
from mutualis.core.periods import year_span
from mutualis.steering.models import Action, CostLine, IndicatorDefinition, Scheme
from mutualis.steering.schedule import years_in_force

CENT = Decimal("0.01")
PER = Decimal(1000)  # efficience is read per 1,000 € of resources


def ratio(
    numerator: Decimal | int | None, denominator: Decimal | int | None, scale: Decimal = Decimal(1)
) -> Decimal | None:
    """numerator × scale / denominator to the cent (half-up), or None when it means nothing."""
    if numerator is None or not denominator:
        return None
    return (Decimal(numerator) * scale / Decimal(denominator)).quantize(CENT, ROUND_HALF_UP)


@dataclass
class Balance:
    costs: Decimal
    revenues: Decimal

    @property
    def balance(self) -> Decimal:
        return self.revenues - self.costs

    @property
    def out_of_balance(self) -> bool:
        """Every action must reach its own economic balance (seed, section 4)."""
        return self.balance < 0


def balances(actions: list[Action], year: int) -> dict[int, Balance]:
    """Balance of each action for the year, in three queries whatever the number of actions."""
    return balances_by_year(actions, [year])[year]


def balances_by_year(actions: list[Action], years: list[int]) -> dict[int, dict[int, Balance]]:
    """Year → balance of each action, in three queries whatever the number of actions and years."""
    costs = {
        (action_id, year): total
        for action_id, year, total in CostLine.objects.filter(action__in=actions, year__in=years)
        .values_list("action_id", "year")
        .annotate(total=Sum("amount"))
        .order_by()
    }
    revenues: dict[tuple[str, int], Decimal] = {}
    services = {a.service for a in actions if a.service}
    if services and years:
        scheme = actions[0].scheme
        schemes = list(Scheme.objects.filter(territory=scheme.territory_id))
        in_force = set(years_in_force(schemes)[scheme.pk]) & set(years)
        if in_force:
            rows = (
                Charge.objects.posted()
                .filter(
                    territory=scheme.territory_id,
                    service__in=services,
                    date__gte=year_span(min(in_force))[0],
                    date__lt=year_span(max(in_force))[1],
                )
                .annotate(year=ExtractYear("date"))
                .values_list("service", "year")
                .annotate(total=Sum("amount"))
                .order_by()
            )
            revenues.update({(service, year): total for service, year, total in rows if year in in_force})
    steering = {}  # service → the action that steers it: the lowest number, as in `schedule`
    for a in sorted(actions, key=lambda a: a.number):
        steering.setdefault(a.service, a.pk)
    return {
        year: {
            a.pk: Balance(
                costs.get((a.pk, year)) or Decimal("0.00"),
                revenues.get((a.service, year), Decimal("0.00"))
                if steering.get(a.service) == a.pk
                else Decimal("0.00"),
            )
            for a in actions
        }
        for year in years
    }


@dataclass
class IndicatorResult:
    definition: IndicatorDefinition
    year: int
    target: Decimal | None
    result: Decimal | int | None
    source: str
    resources: Decimal

    @property
    def efficacy(self) -> Decimal | None:
        """Result against target, in per cent."""
        return ratio(self.result, self.target, Decimal(100))

    @property
    def efficiency(self) -> Decimal | None:
        """Result per 1,000 € of resources."""
        return ratio(self.result, self.resources, PER)


def result_of(definition: IndicatorDefinition, territory, year: int) -> tuple[Decimal | int | None, str]:
    """(result, source) of the indicator for the year: a registry figure is computed over
    [1 Jan, 1 Jan next); otherwise the value entered (`definition.values` prefetched)."""
    if definition.registry_key in registry:
        indicator = registry[definition.registry_key]
        return indicator.compute(territory, *year_span(year)), str(indicator.label)
    manual = next((v for v in definition.values.all() if v.year == year), None)
    return (manual.value, manual.source) if manual else (None, "")


def indicator_results(actions: list[Action], year: int, balances_by_action: dict[int, Balance]) -> dict[int, list]:
    """Each action's indicator results for the year."""
    definitions = IndicatorDefinition.objects.filter(action__in=actions).prefetch_related("targets", "values")
    results: dict[int, list[IndicatorResult]] = defaultdict(list)
    territory = actions[0].scheme.territory if actions else None
    for definition in definitions:
        target = next((t.value for t in definition.targets.all() if t.year == year), None)
        result, source = result_of(definition, territory, year)
        resources = balances_by_action[definition.action_id].costs
        results[definition.action_id].append(IndicatorResult(definition, year, target, result, source, resources))
    return results


def indicator_by_year(
    definition: IndicatorDefinition, today: date
) -> list[tuple[int, Decimal | None, Decimal | int | None]]:
    """(year, target, result) for each year of the indicator's schéma; a year not begun has no result."""
    scheme = definition.action.scheme
    targets = {t.year: t.value for t in definition.targets.all()}
    return [
        (year, targets.get(year), result_of(definition, scheme.territory, year)[0] if year <= today.year else None)
        for year in scheme.years
    ]
