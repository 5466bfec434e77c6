from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutualis.billing.models import Charge, amount_of
from mutualis.billing.services import charge_post
from mutualis.territory.models import Service

# Quantities in thousandths (the field keeps 3 places) and prices in cents.
quantities = st.integers(min_value=1, max_value=9_999_999)
prices = st.integers(min_value=-99_999_999, max_value=99_999_999)


def expected_cents(thousandths: int, cents: int) -> int:
    """Integer oracle: product in 1/100,000 €, rounded half away from zero to the cent."""
    product = thousandths * cents
    sign = -1 if product < 0 else 1
    return sign * ((abs(product) + 500) // 1000)


@given(quantities, prices)
def test_amount_is_quantity_times_price_rounded_half_up_to_the_cent(thousandths, cents):
    amount = amount_of(Decimal(thousandths) / 1000, Decimal(cents) / 100)
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
    assert amount_of(Decimal(quantity), Decimal(unit_price)) == Decimal(amount)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(quantities, prices)
def test_posted_amount_is_stored_exactly(commune_a, thousandths, cents):
    charge = charge_post(
        organisation=commune_a,
        service=Service.EQUIPMENT,
        label="Prêt",
        quantity=Decimal(thousandths) / 1000,
        unit_price=Decimal(cents) / 100,
        date=commune_a.territory.created_at.date(),
    )
    assert Charge.objects.get(pk=charge.pk).amount == Decimal(expected_cents(thousandths, cents)) / 100
