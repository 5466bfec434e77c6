"""What an organisation receives from the shared services, for the commune's account.

Each service declares, next to its indicators (in its `indicators.py`), the lines it can tell
about one organisation over a half-open period [start, end): loans borrowed, missions, answers,
savings… each with a quantity and, where the service knows it, a value in euros. The providers
read the same querysets as the territory's indicators, so the figures agree with the dashboards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from mutualis.core.indicators import Number
from mutualis.core.periods import year_span


@dataclass(frozen=True)
class Received:
    label: str
    quantity: Number
    unit: str = ""
    value: Decimal | None = None  # euros, when the service values what it gives
    url: str = ""


Provider = Callable[..., Iterable[Received]]
registry: dict[str, tuple[str, Provider]] = {}


def received(key: str, service_label: str) -> Callable[[Provider], Provider]:
    """Register `function(organisation, start, end)`, which yields the organisation's lines."""

    def decorator(function: Provider) -> Provider:
        if key in registry and registry[key][1] is not function:
            raise ValueError(f"Received lines {key!r} are already registered.")
        registry[key] = (service_label, function)
        return function

    return decorator


@dataclass(frozen=True)
class ServiceLines:
    service: str
    lines: list[Received]


def received_by(organisation, year: int) -> list[ServiceLines]:
    """The organisation's lines of the year, grouped by service in key order; a service with
    nothing to tell is left out."""
    start, end = year_span(year)
    groups = []
    for _key, (service, provider) in sorted(registry.items()):
        lines = [line for line in provider(organisation, start, end) if line.quantity]
        if lines:
            groups.append(ServiceLines(service, lines))
    return groups


def total_value(groups: list[ServiceLines]) -> Decimal:
    return sum((line.value for group in groups for line in group.lines if line.value is not None), Decimal("0.00"))
