from decimal import Decimal

import pytest
from django.urls import reverse

from mutualis.billing.models import Charge
from mutualis.territory.models import Service

URL = reverse("billing:charge_create")


def form_data(organisation, **overrides):
    data = {
        "organisation": organisation.pk,
        "service": Service.NETWORK,
        "label": "Journée de formation",
        "quantity": "3",
        "unit_price": "12,35",
        "date": "2025-04-15",
    }
    return data | overrides


def test_coordinator_posts_a_manual_charge(login, eve, commune_a):
    response = login(eve).post(URL, form_data(commune_a))
    charge = Charge.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("billing:charge_detail", args=[charge.pk])
    assert (charge.amount, charge.service, charge.created_by, charge.source) == (
        Decimal("37.05"), Service.NETWORK, eve, None
    )  # fmt: skip


def test_billing_manager_posts_a_manual_charge(login, sam, commune_a):
    login(sam).post(URL, form_data(commune_a))
    assert Charge.objects.get().created_by == sam


@pytest.mark.parametrize("persona", ["alice", "bob", "ed"])
def test_others_cannot_post(login, commune_a, persona, request):
    client = login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data(commune_a)).status_code == 403
    assert not Charge.objects.exists()


def test_zero_quantity_is_shown_next_to_the_field(login, eve, commune_a):
    response = login(eve).post(URL, form_data(commune_a, quantity="0"))
    assert "quantity" in response.context["form"].errors
    assert not Charge.objects.exists()


def test_amount_too_large_for_the_ledger_is_shown_above_the_form(login, eve, commune_a):
    response = login(eve).post(URL, form_data(commune_a, quantity="9999999", unit_price="9999999999"))
    assert response.context["form"].non_field_errors()
    assert not Charge.objects.exists()


def test_organisation_of_another_territory_is_not_offered(login, eve, epci_b):
    response = login(eve).post(URL, form_data(epci_b))
    assert "organisation" in response.context["form"].errors


def test_inactive_organisation_is_not_offered(login, eve, commune_a):
    commune_a.is_active = False
    commune_a.save()
    response = login(eve).post(URL, form_data(commune_a))
    assert "organisation" in response.context["form"].errors


def test_the_fonds_de_concours_is_not_a_service_one_bills(login, eve, commune_a):
    response = login(eve).post(URL, form_data(commune_a, service=Service.GRANTS))
    assert response.status_code == 200
    assert "service" in response.context["form"].errors
    assert Service.GRANTS not in dict(response.context["form"].fields["service"].choices)
    assert not Charge.objects.exists()


def test_no_charge_is_ever_posted_for_the_fonds_de_concours(commune_a):
    from django.core.exceptions import ValidationError

    from mutualis.billing.tests.factories import ChargeFactory

    with pytest.raises(ValidationError, match="ne se facture pas"):
        ChargeFactory.build(organisation=commune_a, territory=commune_a.territory, service=Service.GRANTS).full_clean()
