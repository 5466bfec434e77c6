from datetime import date
from decimal import Decimal

from mutualis.billing.services import charge_cancel
from mutualis.billing.tests.factories import ChargeFactory
from mutualis.core.indicators import compute

YEAR = (date(2025, 1, 1), date(2026, 1, 1))


def test_charged_amount_sums_posted_charges_of_the_period(commune_a, commune_b, eve, epci_b):
    ChargeFactory(organisation=commune_a, date=date(2025, 1, 1))  # 31.00
    ChargeFactory(organisation=commune_b, date=date(2025, 12, 31), unit_price=Decimal("-0.50"))  # -1.00
    ChargeFactory(organisation=commune_a, date=date(2026, 1, 1))  # after the period
    ChargeFactory(organisation=epci_b, date=date(2025, 6, 1))  # another territory
    charge_cancel(charge=ChargeFactory(organisation=commune_a, date=date(2025, 6, 1)), reason="Doublon", by=eve)
    assert compute("billing.charged_amount", commune_a.territory, *YEAR) == Decimal("30.00")


def test_charged_amount_is_zero_without_charges(territory_a):
    assert compute("billing.charged_amount", territory_a, *YEAR) == Decimal("0.00")


def test_billed_organisations_counts_each_organisation_once(commune_a, commune_b, eve):
    ChargeFactory.create_batch(3, organisation=commune_a, date=date(2025, 5, 1))
    ChargeFactory(organisation=commune_b, date=date(2024, 12, 31))
    charge_cancel(charge=ChargeFactory(organisation=commune_b, date=date(2025, 5, 1)), reason="Doublon", by=eve)
    assert compute("billing.billed_organisations", commune_a.territory, *YEAR) == 1
