from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mutualis.billing.models import Charge, ChargeStatus
from mutualis.billing.services import charge_cancel
from mutualis.billing.tests.factories import ChargeFactory


def test_cancel_keeps_the_charge_with_who_when_and_why(commune_a, eve):
    charge = charge_cancel(charge=ChargeFactory(organisation=commune_a), reason="Doublon", by=eve)
    charge.refresh_from_db()
    assert (charge.status, charge.cancel_reason, charge.cancelled_by) == (ChargeStatus.CANCELLED, "Doublon", eve)
    assert charge.cancelled_at is not None
    assert charge.history.first().history_user == eve


def test_cancel_needs_a_reason(commune_a, eve):
    with pytest.raises(ValidationError) as excinfo:
        charge_cancel(charge=ChargeFactory(organisation=commune_a), reason="   ", by=eve)
    assert set(excinfo.value.message_dict) == {"reason"}


def test_a_cancelled_charge_cannot_be_cancelled_again(commune_a, eve):
    charge = charge_cancel(charge=ChargeFactory(organisation=commune_a), reason="Doublon", by=eve)
    with pytest.raises(ValidationError):
        charge_cancel(charge=charge, reason="Encore", by=eve)


def test_cancelled_charges_are_left_out_of_totals(commune_a, eve):
    ChargeFactory(organisation=commune_a, quantity=Decimal("1"), unit_price=Decimal("10.00"))
    charge_cancel(charge=ChargeFactory(organisation=commune_a), reason="Doublon", by=eve)
    charges = Charge.objects.all()
    assert charges.posted_total() == Decimal("10.00")
    assert [row["total"] for row in charges.totals_by_service()] == [Decimal("10.00")]
    assert [row["total"] for row in charges.totals_by_month()] == [Decimal("10.00")]


def test_coordinator_cancels_from_the_charge_page(login, eve, commune_a):
    charge = ChargeFactory(organisation=commune_a)
    response = login(eve).post(reverse("billing:charge_cancel", args=[charge.pk]), {"reason": "Erreur de saisie"})
    assert response.status_code == 302
    charge.refresh_from_db()
    assert charge.status == ChargeStatus.CANCELLED


def test_billing_manager_may_cancel(login, sam, commune_a):
    charge = ChargeFactory(organisation=commune_a)
    login(sam).post(reverse("billing:charge_cancel", args=[charge.pk]), {"reason": "Erreur de saisie"})
    charge.refresh_from_db()
    assert charge.status == ChargeStatus.CANCELLED


def test_missing_reason_is_shown_next_to_the_field(login, eve, commune_a):
    charge = ChargeFactory(organisation=commune_a)
    response = login(eve).post(reverse("billing:charge_cancel", args=[charge.pk]), {"reason": ""})
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors


def test_cancelling_twice_shows_an_error(login, eve, commune_a):
    charge = charge_cancel(charge=ChargeFactory(organisation=commune_a), reason="Doublon", by=eve)
    response = login(eve).post(reverse("billing:charge_cancel", args=[charge.pk]), {"reason": "Encore"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


@pytest.mark.parametrize("persona", ["alice", "bob", "ed"])
def test_members_and_other_service_managers_cannot_cancel(login, commune_a, persona, request):
    charge = ChargeFactory(organisation=commune_a)
    response = login(request.getfixturevalue(persona)).post(
        reverse("billing:charge_cancel", args=[charge.pk]), {"reason": "Non"}
    )
    assert response.status_code == 403
    charge.refresh_from_db()
    assert charge.status == ChargeStatus.POSTED
