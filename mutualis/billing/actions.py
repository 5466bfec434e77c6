"""The action of the schéma a charge comes under: read from the schéma, never stored on the charge.

A charge carries its service only; its action is the one that steers that service in the
schéma in force on the charge's date (docs/architecture.md, "Charges"). The schéma lives in
`steering`, above billing: steering registers here, at start-up, a function that lists when
each of its actions steers which service, and billing reads the actions through it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q


@dataclass(frozen=True)
class Steering:
    """Action `number` ("title") steers `service` in the territory over [start, end)."""

    territory_id: int
    service: str
    start: date
    end: date
    number: int
    title: str

    def covers(self, territory_id: int, service: str, day: date) -> bool:
        return (self.territory_id, self.service) == (territory_id, service) and self.start <= day < self.end

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


Schedule = Callable[[Iterable[int]], list[Steering]]
_schedules: list[Schedule] = []


def register_schedule(schedule: Schedule) -> Schedule:
    """`schedule(territory_ids)` lists, in one query, which action steers which service when."""
    _schedules.append(schedule)
    return schedule


def schedule(territory_ids: Iterable[int]) -> list[Steering]:
    ids = set(territory_ids)
    return [row for source in _schedules for row in source(ids)]


def action_of(charge, rows: list[Steering]) -> Steering | None:
    return next((row for row in rows if row.covers(charge.territory_id, charge.service, charge.date)), None)


def with_actions(charges: Iterable) -> list:
    """The charges as a list, each with `scheme_action` (a `Steering` or None), in one more query."""
    charges = list(charges)
    rows = schedule({charge.territory_id for charge in charges}) if charges else []
    for charge in charges:
        charge.scheme_action = action_of(charge, rows)
    return charges


def numbered_actions(territory_id: int) -> list[tuple[int, str]]:
    """The territory's action numbers, titled as in its latest schéma, for a choice field."""
    titles = {row.number: str(row) for row in sorted(schedule([territory_id]), key=lambda row: row.start)}
    return sorted(titles.items())


def under_action(territory_id: int, number: int) -> Q:
    """Charges that come under the territory's action `number`, whichever schéma was in force."""
    rows = [row for row in schedule([territory_id]) if row.number == number]
    condition = Q(pk__in=[])
    for row in rows:
        condition |= Q(territory_id=territory_id, service=row.service, date__gte=row.start, date__lt=row.end)
    return condition
