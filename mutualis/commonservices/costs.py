"""The D5211-16 arithmetic, in whole cents: pure functions the services call and the tests check.

The reimbursement of a service commun is the unit cost of running the service (its cost over the
units of work it produced in the year) times the units the adherent used. The unit cost is kept
exact (a fraction): only amounts are rounded, once, by `core.money` (half-up to the cent; the
adherents' dues add up to the service's reimbursable cost, none a cent away from its exact value).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

from mutualis.core.money import amount, amounts, split

Key = TypeVar("Key", bound=Hashable)
THOUSANDTH = Decimal("0.001")


def unit_cost(total_cost: Decimal, total_units: Decimal) -> Fraction:
    """D5211-16: the cost of running the service over the units of work it produced."""
    if total_units <= 0:
        raise ValueError("a unit cost needs units")
    return Fraction(total_cost) / Fraction(total_units)


def provisional_calls(expected_units: Decimal, cost: Fraction, periods: int) -> list[tuple[Decimal, Decimal]]:
    """The year's expected units at the unit cost, called in `periods` equal parts: (units, amount) each."""
    calls = split(amount(expected_units, cost), [1] * periods)
    units = split(expected_units, [1] * periods, THOUSANDTH)
    return list(zip(units, calls, strict=True))


def settlement(
    actual_units: Mapping[Key, Decimal], cost: Fraction, called: Mapping[Key, Decimal]
) -> dict[Key, tuple[Decimal, Decimal]]:
    """Year end: what each adherent owes on its actual units at the actual unit cost, and the
    difference with what it was called provisionally (positive: it pays more; negative: a credit).
    Returns {key: (due, difference)}; the dues add up to the service's reimbursable cost."""
    keys = dict.fromkeys([*actual_units, *called])
    used = {key: actual_units.get(key, Decimal("0")) for key in keys}
    dues = amounts(used, cost)
    return {key: (dues[key], dues[key] - called.get(key, Decimal("0"))) for key in keys}


def reimbursable(actual_units: Mapping[Key, Decimal], cost: Fraction) -> Decimal:
    return amount(sum(actual_units.values(), Decimal("0")), cost)
