"""Which action of the schéma steers which service, on which day.

The schéma in force on a day is the territory's scheme covering that year (a later scheme takes
over from an earlier one it overlaps); the action of a service is the one of that scheme that
names the service (the lowest number, should two name it). Charges, adhesions and uses of a
service are read as part of an action this way only: billing through the schedule registered
in `SteeringConfig.ready()`, agreements through the withdrawal lock (schéma §4).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from mutualis.billing.actions import Steering
from mutualis.steering.models import Action, Scheme
from mutualis.territory.models import Territory


def action_for(territory: Territory, service: str, day: date) -> Action | None:
    """The action that steers the service in the schéma in force on the day, if any."""
    if not service:
        return None
    scheme = Scheme.objects.in_force(territory, day).first()
    if scheme is None:
        return None
    return scheme.actions.filter(service=service).order_by("number").first()


def is_in_force(scheme: Scheme, year: int) -> bool:
    return Scheme.objects.in_force(scheme.territory_id, date(year, 1, 1)).values_list("pk", flat=True).first() == (
        scheme.pk
    )


def years_in_force(schemes: list[Scheme]) -> dict[int, list[int]]:
    """Scheme id → the years it is in force, for the schemes of one territory."""
    in_force: dict[int, Scheme] = {}
    for scheme in sorted(schemes, key=lambda s: s.start_year):
        for year in scheme.years:
            in_force[year] = scheme
    years: dict[int, list[int]] = defaultdict(list)
    for year, scheme in sorted(in_force.items()):
        years[scheme.pk].append(year)
    return years


def spans(years: list[int]) -> list[tuple[date, date]]:
    """Consecutive years as half-open date spans: [2021, 2022, 2024] → 2021-2023, 2024-2025."""
    out: list[tuple[date, date]] = []
    for year in years:
        if out and out[-1][1].year == year:
            out[-1] = (out[-1][0], date(year + 1, 1, 1))
        else:
            out.append((date(year, 1, 1), date(year + 1, 1, 1)))
    return out


def steering_schedule(territory_ids: Iterable[int]) -> list[Steering]:
    """For billing: when each action steers its service, in two queries."""
    schemes = list(Scheme.objects.filter(territory_id__in=territory_ids).prefetch_related("actions"))
    by_territory: dict[int, list[Scheme]] = defaultdict(list)
    for scheme in schemes:
        by_territory[scheme.territory_id].append(scheme)
    rows = []
    for territory_id, own in by_territory.items():
        years = years_in_force(own)
        for scheme in own:
            steered: dict[str, Action] = {}
            for action in sorted(scheme.actions.all(), key=lambda a: a.number):
                if action.service:
                    steered.setdefault(action.service, action)
            for start, end in spans(years.get(scheme.pk, [])):
                rows += [
                    Steering(territory_id, service, start, end, action.number, action.title)
                    for service, action in steered.items()
                ]
    return rows


def launched_action_locks(adhesion, on: date) -> bool:
    """Schéma §4: once the action that steers the service is launched, leaving needs the Bureau."""
    action = action_for(adhesion.territory, adhesion.service, on)
    return action is not None and action.is_launched(on)
