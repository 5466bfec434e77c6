"""The indicator registry: each app declares its figures under a stable key.

An indicator takes a territory and a half-open period [start, end) and returns a number.
Apps register them in their `indicators.py`, which Django imports at start-up (see CoreConfig).
Every page that shows a figure reads it here, over `core.periods.year_span(year)`: one function,
one period, hence one value per territory and year wherever it is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from mutualis.core.periods import year_span

Number = int | Decimal


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str  # usually a lazy translation, read when shown
    function: Callable[..., Number]

    def compute(self, territory, start: date, end: date) -> Number:
        return self.function(territory, start, end)


registry: dict[str, Indicator] = {}


def indicator(key: str, label: str) -> Callable:
    def decorator(function: Callable[..., Number]) -> Callable[..., Number]:
        if key in registry and registry[key].function is not function:
            raise ValueError(f"Indicator {key!r} is already registered.")
        registry[key] = Indicator(key, label, function)
        return function

    return decorator


def compute(key: str, territory, start: date, end: date) -> Number:
    return registry[key].compute(territory, start, end)


class Figure(NamedTuple):
    key: str
    label: str
    value: Number


def figures(territory, year: int, prefix: str = "") -> list[Figure]:
    """The year's value of every indicator whose key starts with `prefix` (e.g. "helpdesk."), by key."""
    start, end = year_span(year)
    return [
        Figure(key, item.label, item.compute(territory, start, end))
        for key, item in sorted(registry.items())
        if key.startswith(prefix)
    ]
