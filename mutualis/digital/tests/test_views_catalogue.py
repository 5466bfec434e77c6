"""The catalogue, a software's page and the manager's forms."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from mutualis.agreements.models import Instrument
from mutualis.billing.models import Charge
from mutualis.digital.models import Software
from mutualis.digital.services import maintenance_set
from mutualis.digital.tests.factories import SoftwareFactory, SubscriptionFactory, TrainingFactory
from mutualis.territory.tests.factories import OrganisationFactory

URL = reverse("digital:catalogue")


def names(response) -> list[str]:
    return [software.name for software in response.context["page"]]


def test_members_see_the_catalogue_of_their_territory_only(login, bob, software, oscar, territory_b):
    SoftwareFactory(territory=territory_b, name="Logiciel d'ailleurs")
    assert names(login(bob).get(URL)) == ["Cart@CIM"]


def test_the_catalogue_counts_current_users(login, bob, software, commune_a, commune_b):
    SubscriptionFactory(software=software, organisation=commune_a)
    SubscriptionFactory(software=software, organisation=commune_b, end=date(2021, 1, 1))
    assert login(bob).get(URL).context["page"][0].user_count == 1


def test_the_catalogue_exports_with_french_headers(login, bob, software):
    response = login(bob).get(URL, {"format": "csv"})
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Logiciel;Éditeur;Usage")
    assert "Cart@CIM" in text


def test_the_catalogue_runs_a_constant_number_of_queries(login, bob, software, query_count):
    client = login(bob)
    one = query_count(lambda: client.get(URL))
    for _i in range(20):
        SubscriptionFactory(software=SoftwareFactory(territory=software.territory))
    assert query_count(lambda: client.get(URL)) == one


def test_the_software_page_runs_a_constant_number_of_queries(login, bob, software, commune_a, query_count):
    client = login(bob)
    url = reverse("digital:software_detail", args=[software.pk])
    one = query_count(lambda: client.get(url))
    for year in range(2020, 2026):
        maintenance_set(software=software, year=year, amount=Decimal("10"))
    for _i in range(10):
        SubscriptionFactory(software=software, organisation=OrganisationFactory(territory=software.territory))
        TrainingFactory(software=software)
    assert query_count(lambda: client.get(url)) == one


def test_the_manager_adds_a_software(login, nina):
    response = login(nina).post(
        reverse("digital:software_create"),
        {"name": "Civil Net Finances", "purpose": "Gestion financière", "share_basis": "population"},
    )
    software = Software.objects.get(name="Civil Net Finances")
    assert response.url == reverse("digital:software_detail", args=[software.pk])


@pytest.mark.parametrize("persona", ["bob", "alice"])
def test_a_commune_cannot_add_a_software(login, persona, request):
    assert login(request.getfixturevalue(persona)).get(reverse("digital:software_create")).status_code == 403


def test_the_manager_adds_a_user_organisation_with_its_convention(login, nina, software, commune_a, epci_a):
    response = login(nina).post(
        reverse("digital:subscription_create", args=[software.pk]),
        {"organisation": commune_a.pk, "start": "2026-01-01"},
    )
    assert response.status_code == 302
    assert software.subscriptions.get().convention.instrument == Instrument.POOLING_OF_RESOURCES


def test_the_epci_is_not_offered_as_a_user(login, nina, software, epci_a, commune_a):
    response = login(nina).get(reverse("digital:subscription_create", args=[software.pk]))
    assert epci_a not in response.context["form"].fields["organisation"].queryset


def test_posting_the_maintenance_from_its_page_bills_the_users(login, nina, software, commune_a, commune_b):
    SubscriptionFactory(software=software, organisation=commune_a)
    SubscriptionFactory(software=software, organisation=commune_b)
    client = login(nina)
    client.post(reverse("digital:maintenance_set", args=[software.pk]), {"year": 2026, "amount": "900"})
    cost = software.maintenance_costs.get()
    preview = client.get(reverse("digital:maintenance_detail", args=[cost.pk]))
    assert [share for _o, share, _d in preview.context["shares"]] == [Decimal("450.00"), Decimal("450.00")]
    client.post(reverse("digital:maintenance_post", args=[cost.pk]))
    assert Charge.objects.filter(organisation=commune_a).get().amount == Decimal("450.00")


def test_a_commune_sees_the_shares_but_cannot_post(login, bob, software, commune_a):
    SubscriptionFactory(software=software, organisation=commune_a)
    cost = maintenance_set(software=software, year=2026, amount=Decimal("100"))
    client = login(bob)
    assert client.get(reverse("digital:maintenance_detail", args=[cost.pk])).status_code == 200
    assert client.post(reverse("digital:maintenance_post", args=[cost.pk])).status_code == 403
