"""Money in cents: one rounding, then splits whose parts always add up to the whole."""

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutualis.billing.models import Charge
from mutualis.billing.services import charge_post
from mutualis.core import money
from mutualis.territory.models import Service

# Quantities in thousandths (the field keeps 3 places) and prices in cents.
quantities = st.integers(min_value=1, max_value=9_999_999)
prices = st.integers(min_value=-99_999_999, max_value=99_999_999)
weights = st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=40)


def expected_cents(thousandths: int, cents: int) -> int:
    """Integer oracle: product in 1/100,000 €, rounded half away from zero to the cent."""
    product = thousandths * cents
    sign = -1 if product < 0 else 1
    return sign * ((abs(product) + 500) // 1000)


@given(quantities, prices)
def test_amount_is_quantity_times_price_rounded_half_up_to_the_cent(thousandths, cents):
    amount = money.amount(Decimal(thousandths) / 1000, Decimal(cents) / 100)
    assert amount == Decimal(expected_cents(thousandths, cents)) / 100
    assert amount.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("quantity", "unit_price", "amount"),
    [
        ("0.5", "0.01", "0.01"),
        ("0.5", "-0.01", "-0.01"),
        ("1.5", "0.03", "0.05"),
        ("0.333", "10.00", "3.33"),
        ("2.675", "1.00", "2.68"),
        ("3", "19.99", "59.97"),
    ],
)
def test_known_roundings(quantity, unit_price, amount):
    assert money.amount(Decimal(quantity), Decimal(unit_price)) == Decimal(amount)


@given(st.integers(min_value=-(10**9), max_value=10**9), weights)
def test_a_split_adds_up_and_each_part_is_within_one_unit_of_its_share(total, shares):
    parts = money.split_units(total, shares)
    assert sum(parts) == total
    whole = sum(shares) or len(shares)
    for part, share in zip(parts, shares if sum(shares) else [1] * len(shares), strict=True):
        assert abs(part - total * share / whole) < 1


def test_the_cents_left_go_to_the_largest_remainders_then_to_the_first():
    assert money.split(Decimal("100.00"), [1, 1, 1]) == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    assert money.split(Decimal("0.05"), [2, 1, 2]) == [Decimal("0.02"), Decimal("0.01"), Decimal("0.02")]
    assert money.split_by(Decimal("-10.00"), {"a": 1, "b": 2}) == {"a": Decimal("-3.33"), "b": Decimal("-6.67")}


def test_an_exact_unit_price_is_rounded_once_half_up():
    assert money.amount(Decimal("3"), Fraction(1, 6)) == Decimal("0.50")  # 0.5 exactly, never 0.499…
    assert money.amount(Decimal("1"), Fraction(-1, 200)) == Decimal("-0.01")


def test_amounts_of_quantities_add_up_and_none_moves_by_the_rounding_of_the_sum():
    """1.005 € each exactly, 3.015 € → 3.02 € together: the two cents left go to the first two."""
    parts = money.amounts({"a": Decimal("1"), "b": Decimal("1"), "c": Decimal("1")}, Fraction(1005, 1000))
    assert parts == {"a": Decimal("1.01"), "b": Decimal("1.01"), "c": Decimal("1.00")}


@given(
    quantities=st.lists(st.decimals(min_value=0, max_value=5000, places=3), min_size=1, max_size=10),
    price=st.fractions(min_value=0, max_value=10_000, max_denominator=10_000),
)
def test_amounts_add_up_to_the_amount_of_the_sum_each_within_a_cent(quantities, price):
    parts = money.amounts(dict(enumerate(quantities)), price)
    assert sum(parts.values()) == money.amount(sum(quantities, Decimal("0")), price)
    for index, quantity in enumerate(quantities):
        assert abs(Fraction(parts[index]) - Fraction(quantity) * price) < Fraction(1, 100)


@given(quantities, prices, weights)
def test_a_spread_charge_adds_up_and_each_part_is_its_quantity_times_price_give_or_take_a_cent(
    thousandths, cents, shares
):
    quantity, unit_price = Decimal(thousandths) / 1000, Decimal(cents) / 100
    parts = money.spread(quantity, unit_price, shares, Decimal("0.001"))
    assert sum(q for q, _ in parts) == quantity
    assert sum(a for _, a in parts) == money.amount(quantity, unit_price)
    assert all(abs(a - money.amount(q, unit_price)) <= money.CENT for q, a in parts)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(quantities, prices)
def test_posted_amount_is_stored_exactly(commune_a, thousandths, cents):
    charge = charge_post(
        organisation=commune_a,
        service=Service.EQUIPMENT,
        label="Prêt",
        quantity=Decimal(thousandths) / 1000,
        unit_price=Decimal(cents) / 100,
        date=date(2026, 3, 2),
    )
    assert Charge.objects.get(pk=charge.pk).amount == Decimal(expected_cents(thousandths, cents)) / 100


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(quantities, st.integers(min_value=1, max_value=99_999), st.dates(date(2020, 1, 1), date(2030, 12, 31)), weights)
def test_posted_parts_of_a_spread_sum_to_the_rounded_whole(commune_a, thousandths, cents, first_day, shares):
    """The parts of a week, a cost or a quantity spread over months or members are accepted by
    the ledger (on PostgreSQL too, by its check constraint) and add up to the whole."""
    quantity, unit_price = Decimal(thousandths) / 1000, Decimal(cents) / 100
    Charge.objects.all().delete()
    for index, (part, amount) in enumerate(money.spread(quantity, unit_price, shares, Decimal("0.001"))):
        if part > 0:
            charge_post(
                organisation=commune_a,
                service=Service.REPLACEMENT,
                label=f"Part {index}",
                quantity=part,
                unit_price=unit_price,
                amount=amount,
                date=first_day + timedelta(days=index),
            )
    assert Charge.objects.posted_total() == money.amount(quantity, unit_price)
