"""Units of work that a service produces for the organisations, for the services communs to bill.

A service that measures its work per organisation (the expertise desk's hours, the permits a
service instructs) registers a feed in its app's `ready()`: `register(key, label, fn)`, where
`fn(territory, start, end)` returns {organisation id: units} for the half-open period. A
service commun names a feed and reads it over a quarter, so that no service app imports another.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

Feed = Callable[..., Mapping[int, Decimal]]


@dataclass(frozen=True)
class WorkUnits:
    key: str
    label: str  # usually a lazy translation
    function: Feed


registry: dict[str, WorkUnits] = {}


def register(key: str, label: str, function: Feed) -> None:
    if key in registry and registry[key].function is not function:
        raise ValueError(f"Work units {key!r} are already registered.")
    registry[key] = WorkUnits(key, label, function)


def choices() -> list[tuple[str, str]]:
    return [(key, str(feed.label)) for key, feed in sorted(registry.items())]


def units(key: str, territory, start: date, end: date) -> dict[int, Decimal]:
    """The units each organisation received from the feed in [start, end), none left at zero."""
    return {org: Decimal(value) for org, value in registry[key].function(territory, start, end).items() if value}
