"""Figures of the schéma per action and year: indicators (efficacité, efficience) and economic balance.

Efficacité = result / target; efficience = result / resources, where resources are the costs
declared for the action that year. Revenues are the charges posted that year for the service the
action steers, in a year its schéma is in force (`schedule`), cancelled ones excepted. A ratio
over zero or over nothing is None, shown as "—".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum

from mutualis.billing.models import Charge
from mutualis.core.indicators import registry
from mutualis.core.periods import year_span
from mutualis.steering.models import Action, CostLine, IndicatorDefinition
from mutualis.steering.schedule import is_in_force

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
    costs = dict(
        CostLine.objects.filter(action__in=actions, year=year)
        .values_list("action_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    revenues: dict[str, Decimal] = {}
    services = {a.service for a in actions if a.service}
    if services and is_in_force(actions[0].scheme, year):
        start, end = year_span(year)
        rows = (
            Charge.objects.posted()
            .filter(territory=actions[0].scheme.territory_id, service__in=services, date__gte=start, date__lt=end)
            .values_list("service")
            .annotate(total=Sum("amount"))
            .order_by()
        )
        revenues.update(dict(rows))
    steering = {}  # service → the action that steers it: the lowest number, as in `schedule`
    for a in sorted(actions, key=lambda a: a.number):
        steering.setdefault(a.service, a.pk)
    return {
        a.pk: Balance(
            costs.get(a.pk) or Decimal("0.00"),
            revenues.get(a.service, Decimal("0.00")) if steering.get(a.service) == a.pk else Decimal("0.00"),
        )
        for a in actions
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


def indicator_results(actions: list[Action], year: int, balances_by_action: dict[int, Balance]) -> dict[int, list]:
    """Each action's indicator results for the year; registry figures are computed over [1 Jan, 1 Jan next)."""
    definitions = IndicatorDefinition.objects.filter(action__in=actions).prefetch_related("targets", "values")
    start, end = year_span(year)
    results: dict[int, list[IndicatorResult]] = defaultdict(list)
    territory = actions[0].scheme.territory if actions else None
    for definition in definitions:
        target = next((t.value for t in definition.targets.all() if t.year == year), None)
        if definition.registry_key in registry:
            result, source = (
                registry[definition.registry_key].compute(territory, start, end),
                str(registry[definition.registry_key].label),
            )
        else:
            manual = next((v for v in definition.values.all() if v.year == year), None)
            result, source = (manual.value, manual.source) if manual else (None, "")
        resources = balances_by_action[definition.action_id].costs
        results[definition.action_id].append(IndicatorResult(definition, year, target, result, source, resources))
    return results
