"""The D5211-16 arithmetic, in whole cents: pure functions the services call and the tests check.

The reimbursement of a service commun is the unit cost of running the service (its cost over the
units of work it produced in the year) times the units the adherent used. The unit cost is kept
exact (a fraction): only amounts are rounded, once, half-up to the cent. When several amounts
share one rounded total, each is the floor of its exact value plus, for those with the largest
remainders, one cent, so that they add up to the total and none is a cent away from its exact value.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

from mutualis.core.money import from_cents, split

Key = TypeVar("Key", bound=Hashable)
CENT, THOUSANDTH = Decimal("0.01"), Decimal("0.001")


def cents_half_up(value: Fraction) -> int:
    """An exact amount in euros to whole cents, half-up (away from zero), like `core.money.amount`."""
    cents = value * 100
    whole = int(abs(cents) + Fraction(1, 2))
    return whole if cents >= 0 else -whole


def unit_cost(total_cost: Decimal, total_units: Decimal) -> Fraction:
    """D5211-16: the cost of running the service over the units of work it produced."""
    if total_units <= 0:
        raise ValueError("a unit cost needs units")
    return Fraction(total_cost) / Fraction(total_units)


def cost_of(units: Decimal, cost: Fraction) -> Decimal:
    """units × unit cost, rounded half-up to the cent."""
    return from_cents(cents_half_up(Fraction(units) * cost))


def apportion(units: Mapping[Key, Decimal], cost: Fraction) -> dict[Key, Decimal]:
    """Each key's units × unit cost in cents, adding up to the rounded cost of all the units.

    Every part is its exact amount rounded down or up (never a cent off), the cents left over
    going one each to the largest remainders (ties to the earlier key)."""
    exact = {key: Fraction(value) * cost * 100 for key, value in units.items()}
    parts = {key: int(value) for key, value in exact.items()}  # every value is positive: int() is the floor
    left = cents_half_up(sum(exact.values(), Fraction(0)) / 100) - sum(parts.values())
    order = sorted(exact, key=lambda key: -(exact[key] - parts[key]))
    for key in order[:left]:
        parts[key] += 1
    return {key: from_cents(cents) for key, cents in parts.items()}


def provisional_calls(expected_units: Decimal, cost: Fraction, periods: int) -> list[tuple[Decimal, Decimal]]:
    """The year's expected units at the unit cost, called in `periods` equal parts: (units, amount) each."""
    amounts = split(cost_of(expected_units, cost), [1] * periods)
    units = split(expected_units, [1] * periods, THOUSANDTH)
    return list(zip(units, amounts, strict=True))


def settlement(
    actual_units: Mapping[Key, Decimal], cost: Fraction, called: Mapping[Key, Decimal]
) -> dict[Key, tuple[Decimal, Decimal]]:
    """Year end: what each adherent owes on its actual units at the actual unit cost, and the
    difference with what it was called provisionally (positive: it pays more; negative: a credit).
    Returns {key: (due, difference)}; the dues add up to the service's reimbursable cost."""
    keys = dict.fromkeys([*actual_units, *called])
    used = {key: actual_units.get(key, Decimal("0")) for key in keys}
    dues = apportion(used, cost)
    return {key: (dues[key], dues[key] - called.get(key, Decimal("0"))) for key in keys}


def reimbursable(actual_units: Mapping[Key, Decimal], cost: Fraction) -> Decimal:
    return cost_of(sum(actual_units.values(), Decimal("0")), cost)
