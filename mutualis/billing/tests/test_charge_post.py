from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from mutualis.billing.models import Charge, ChargeStatus
from mutualis.billing.services import charge_cancel, charge_post
from mutualis.territory.models import Service
from mutualis.territory.tests.factories import SectorFactory


def post(organisation, **overrides):
    fields = {
        "organisation": organisation,
        "service": Service.EQUIPMENT,
        "label": "Prêt de la nacelle",
        "quantity": Decimal("2"),
        "unit_price": Decimal("45.00"),
        "date": date(2025, 3, 14),
    }
    return charge_post(**(fields | overrides))


def error_fields(excinfo) -> set[str]:
    return set(excinfo.value.message_dict)


def test_post_records_a_posted_charge_in_the_organisation_territory(commune_a, eve):
    charge = post(commune_a, created_by=eve)
    assert charge.territory == commune_a.territory
    assert (charge.amount, charge.status, charge.service) == (Decimal("90.00"), ChargeStatus.POSTED, Service.EQUIPMENT)
    assert charge.history.get().history_user == eve


def test_a_credit_is_a_negative_unit_price(commune_a):
    assert post(commune_a, unit_price=Decimal("-12.50")).amount == Decimal("-25.00")


def test_float_quantity_is_refused(commune_a):
    with pytest.raises(ValidationError) as excinfo:
        post(commune_a, quantity=2.5)
    assert error_fields(excinfo) == {"quantity"}


def test_float_unit_price_is_refused(commune_a):
    with pytest.raises(ValidationError) as excinfo:
        post(commune_a, unit_price=0.1)
    assert error_fields(excinfo) == {"unit_price"}


def test_non_finite_decimal_is_refused(commune_a):
    with pytest.raises(ValidationError):
        post(commune_a, quantity=Decimal("NaN"))


@pytest.mark.parametrize("quantity", ["0", "-1"])
def test_quantity_must_be_positive(commune_a, quantity):
    with pytest.raises(ValidationError) as excinfo:
        post(commune_a, quantity=Decimal(quantity))
    assert error_fields(excinfo) == {"quantity"}


def test_unit_price_with_more_than_two_decimals_is_refused_not_rounded(commune_a):
    with pytest.raises(ValidationError) as excinfo:
        post(commune_a, unit_price=Decimal("1.005"))
    assert error_fields(excinfo) == {"unit_price"}


def test_unknown_service_is_refused(commune_a):
    with pytest.raises(ValidationError) as excinfo:
        post(commune_a, service="bakery")
    assert error_fields(excinfo) == {"service"}


def test_inactive_organisation_cannot_be_billed(commune_a):
    commune_a.is_active = False
    commune_a.save()
    with pytest.raises(ValidationError) as excinfo:
        post(commune_a)
    assert error_fields(excinfo) == {"organisation"}
    assert not Charge.objects.exists()


def test_source_of_another_territory_is_refused(commune_a, territory_b):
    with pytest.raises(ValidationError):
        post(commune_a, source=SectorFactory(territory=territory_b))


def test_posting_twice_for_the_same_source_and_label_returns_the_first_charge(commune_a, sector_a):
    first = post(commune_a, source=sector_a)
    again = post(commune_a, source=sector_a, quantity=Decimal("5"))
    assert again == first
    assert Charge.objects.get().amount == Decimal("90.00")


def test_another_label_for_the_same_source_is_another_charge(commune_a, sector_a):
    post(commune_a, source=sector_a, label="Prêt")
    post(commune_a, source=sector_a, label="Livraison")
    assert Charge.objects.count() == 2


def test_charges_without_source_are_never_merged(commune_a):
    post(commune_a)
    post(commune_a)
    assert Charge.objects.count() == 2


def test_a_cancelled_charge_can_be_posted_again_for_the_same_source(commune_a, sector_a, eve):
    first = post(commune_a, source=sector_a)
    charge_cancel(charge=first, reason="Mauvaise quantité", by=eve)
    second = post(commune_a, source=sector_a, quantity=Decimal("1"))
    assert second != first
    assert Charge.objects.posted().get().amount == Decimal("45.00")


def test_the_source_is_kept(commune_a, sector_a):
    assert Charge.objects.get(pk=post(commune_a, source=sector_a).pk).source == sector_a
