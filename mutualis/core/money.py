"""Exact money: amounts are computed in cents once, then split so that the parts add up.

Every service that bills, shares a cost or spreads a quantity over periods goes through
here (docs/architecture.md, "Charges"). An amount is rounded once, half-up to the cent
like PostgreSQL's round(); a split never rounds each part on its own: it gives each part
the floor of its exact share and hands the units left over, one each, to the parts with the
largest remainders (ties to the earlier part), so the parts always sum to the whole.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TypeVar

CENT = Decimal("0.01")
Key = TypeVar("Key", bound=Hashable)


def to_cents(amount: Decimal) -> int:
    """Euros (a Decimal) to whole cents, half-up."""
    return int(amount.quantize(CENT, rounding=ROUND_HALF_UP) * 100)


def from_cents(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


def _cents_half_up(exact_cents: Fraction) -> int:
    whole = int(abs(exact_cents) + Fraction(1, 2))
    return whole if exact_cents >= 0 else -whole


def amount(quantity: Decimal, unit_price: Decimal | Fraction) -> Decimal:
    """quantity × unit price, rounded half-up (away from zero) to the cent. The unit price may
    be an exact fraction (a unit cost of running a service), rounded only here."""
    if isinstance(unit_price, Fraction):
        return from_cents(_cents_half_up(Fraction(quantity) * unit_price * 100))
    return (quantity * unit_price).quantize(CENT, rounding=ROUND_HALF_UP)


def _largest_remainders(exact: Sequence[Fraction], total: int) -> list[int]:
    """The floors of non-negative exact values, the units left to reach `total` given one each
    to the largest remainders (ties to the earlier value)."""
    parts = [int(value) for value in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (-(exact[i] - parts[i]), i))
    for index in by_remainder[: total - sum(parts)]:
        parts[index] += 1
    return parts


def split_units(total: int, weights: Sequence[int | Fraction | Decimal]) -> list[int]:
    """`total` whole units (cents, thousandths of an hour…) split in proportion to `weights`
    by the largest-remainder rule. Works for negative totals (credits) by symmetry."""
    if not weights:
        raise ValueError("nothing to split between")
    if any(weight < 0 for weight in weights):
        raise ValueError("weights must not be negative")
    weights = [Fraction(weight) for weight in weights]
    whole = sum(weights)
    if whole == 0:
        weights, whole = [Fraction(1)] * len(weights), Fraction(len(weights))
    sign, total = (-1, -total) if total < 0 else (1, total)
    parts = _largest_remainders([total * weight / whole for weight in weights], total)
    return [sign * part for part in parts]


def split(total: Decimal, weights: Sequence[int | Fraction | Decimal], step: Decimal = CENT) -> list[Decimal]:
    """`total` split in proportion to `weights`, each part a multiple of `step` (a cent by
    default; Decimal("0.001") for hours), the parts summing exactly to `total` once it is
    itself rounded to `step`."""
    units = int((total / step).to_integral_value(rounding=ROUND_HALF_UP))
    return [(step * part).quantize(step) for part in split_units(units, weights)]


def split_by(
    total: Decimal, weights: Mapping[Key, int | Fraction | Decimal], step: Decimal = CENT
) -> dict[Key, Decimal]:
    """`split` keyed like `weights` (e.g. an organisation → its population)."""
    return dict(zip(weights, split(total, list(weights.values()), step), strict=True))


def spread(
    quantity: Decimal, unit_price: Decimal, weights: Sequence[int | Fraction | Decimal], quantity_step: Decimal
) -> list[tuple[Decimal, Decimal]]:
    """A priced quantity spread over parts (months, tariffs…): each part's (quantity, amount).

    The whole amount is computed once, then split in proportion to the parts' quantities, so
    each part's amount is its quantity × unit price give or take one cent, and the amounts sum
    to the whole exactly (`Charge` accepts that cent, and no more).
    """
    quantities = split(quantity, weights, quantity_step)
    amounts = split(amount(quantity, unit_price), quantities)
    return list(zip(quantities, amounts, strict=True))


def amounts(quantities: Mapping[Key, Decimal], unit_price: Decimal | Fraction) -> dict[Key, Decimal]:
    """Each (non-negative) quantity × the unit price, adding up to `amount` of their sum: each is
    its exact amount rounded down or up, never a cent away, the cents left over going to the
    largest remainders. Unlike `split_by` of the rounded sum, no part moves by the sum's rounding."""
    exact = [Fraction(quantity) * Fraction(unit_price) * 100 for quantity in quantities.values()]
    total = _cents_half_up(sum(exact, Fraction(0)))
    return {key: from_cents(cents) for key, cents in zip(quantities, _largest_remainders(exact, total), strict=True)}
