from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection

from mutualis.billing.models import ChargeStatus
from mutualis.billing.tests.factories import ChargeFactory


def test_clean_refuses_an_organisation_of_another_territory(commune_a, territory_b):
    charge = ChargeFactory.build(organisation=commune_a, territory=territory_b)
    with pytest.raises(ValidationError) as excinfo:
        charge.clean()
    assert "organisation" in excinfo.value.message_dict


def test_clean_refuses_an_amount_that_is_not_quantity_times_price(commune_a):
    charge = ChargeFactory.build(organisation=commune_a, amount=Decimal("1.00"))
    with pytest.raises(ValidationError):
        charge.clean()


def test_database_refuses_a_zero_quantity(commune_a):
    with pytest.raises(IntegrityError):
        ChargeFactory(organisation=commune_a, quantity=Decimal("0"))


def test_database_refuses_a_cancellation_without_reason(commune_a):
    with pytest.raises(IntegrityError):
        ChargeFactory(organisation=commune_a, status=ChargeStatus.CANCELLED)


def test_database_refuses_two_posted_charges_for_the_same_source_and_label(commune_a, sector_a):
    ChargeFactory(organisation=commune_a, source=sector_a, label="Prêt")
    with pytest.raises(IntegrityError):
        ChargeFactory(organisation=commune_a, source=sector_a, label="Prêt")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="exact only on PostgreSQL numerics")
def test_postgresql_refuses_an_amount_more_than_a_cent_from_quantity_times_price(commune_a):
    ChargeFactory(organisation=commune_a, quantity=Decimal("2"), unit_price=Decimal("1.00"), amount=Decimal("2.01"))
    with pytest.raises(IntegrityError):
        ChargeFactory(organisation=commune_a, quantity=Decimal("2"), unit_price=Decimal("1.00"), amount=Decimal("2.02"))
