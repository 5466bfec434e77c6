"""The catalogue, a software's page and the manager's forms."""

from datetime import date
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.urls import reverse

from mutualis.agreements import terms
from mutualis.agreements.models import Instrument
from mutualis.billing.models import Charge
from mutualis.digital.models import Software
from mutualis.digital.services import maintenance_set, software_user_add
from mutualis.digital.tests.factories import SoftwareAdhesionFactory, SoftwareFactory
from mutualis.territory.tests.factories import OrganisationFactory

URL = reverse("digital:catalogue")


def names(response) -> list[str]:
    return [software.name for software in response.context["page"]]


def test_members_see_the_catalogue_of_their_territory_only(login, bob, software, oscar, territory_b):
    SoftwareFactory(territory=territory_b, name="Logiciel d'ailleurs")
    assert names(login(bob).get(URL)) == ["Cart@CIM"]


def test_the_catalogue_counts_current_users(login, bob, software, commune_a, commune_b):
    SoftwareAdhesionFactory(software=software, organisation=commune_a)
    SoftwareAdhesionFactory(software=software, organisation=commune_b, end=date(2021, 1, 1))
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
        SoftwareAdhesionFactory(software=SoftwareFactory(territory=software.territory))
    assert query_count(lambda: client.get(URL)) == one


def test_the_software_page_runs_a_constant_number_of_queries(login, bob, software, commune_a, query_count):
    client = login(bob)
    url = reverse("digital:software_detail", args=[software.pk])
    one = query_count(lambda: client.get(url))
    for year in range(2020, 2026):
        maintenance_set(software=software, year=year, amount=Decimal("10"))
    for _i in range(10):
        SoftwareAdhesionFactory(software=software, organisation=OrganisationFactory(territory=software.territory))
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
        reverse("digital:user_add", args=[software.pk]),
        {"organisation": commune_a.pk, "start": "2026-01-01"},
    )
    assert response.status_code == 302
    assert software.adhesions.get().convention.instrument == Instrument.POOLING_OF_RESOURCES


def test_the_epci_is_not_offered_as_a_user(login, nina, software, epci_a, commune_a):
    response = login(nina).get(reverse("digital:user_add", args=[software.pk]))
    assert epci_a not in response.context["form"].fields["organisation"].queryset


def test_the_manager_withdraws_a_user_organisation_keeping_its_adhesion(login, nina, software, commune_a, epci_a):
    adhesion = SoftwareAdhesionFactory(software=software, organisation=commune_a, start=date(2025, 1, 1))
    url = reverse("digital:user_withdraw", args=[software.pk])
    client = login(nina)
    assert client.get(url, {"adhesion": adhesion.pk}).context["form"]["adhesion"].initial == str(adhesion.pk)
    response = client.post(url, {"adhesion": adhesion.pk, "on": "2026-03-01"})
    assert response.url == reverse("digital:software_detail", args=[software.pk])
    adhesion.refresh_from_db()
    assert adhesion.end == date(2026, 3, 1)


def test_a_withdrawal_after_the_launch_records_the_bureau_decision(login, nina, software, commune_a, monkeypatch):
    adhesion = SoftwareAdhesionFactory(software=software, organisation=commune_a, start=date(2025, 1, 1))
    monkeypatch.setattr(terms, "_locks", [lambda adhesion, on: True])  # the action is launched
    url = reverse("digital:user_withdraw", args=[software.pk])
    client = login(nina)
    refused = client.post(url, {"adhesion": adhesion.pk, "on": "2026-03-01"})
    assert "décision du Bureau" in refused.content.decode()
    client.post(url, {"adhesion": adhesion.pk, "on": "2026-03-01", "decided_on": "2026-02-10", "reference": "B-12"})
    adhesion.refresh_from_db()
    assert adhesion.end == date(2026, 3, 1)
    assert adhesion.withdrawal_decision.reference == "B-12"


def test_only_the_software_open_adhesions_can_be_withdrawn(login, nina, software, commune_a, commune_b):
    SoftwareAdhesionFactory(software=software, organisation=commune_a)
    SoftwareAdhesionFactory(software=software, organisation=commune_b, end=date(2021, 1, 1))
    other = SoftwareAdhesionFactory(software=SoftwareFactory(territory=software.territory), organisation=commune_b)
    form = login(nina).get(reverse("digital:user_withdraw", args=[software.pk])).context["form"]
    assert [a.organisation for a in form.fields["adhesion"].queryset] == [commune_a]
    assert other not in form.fields["adhesion"].queryset


def test_the_software_page_lists_its_users_from_their_adhesions(login, bob, software, commune_a):
    adhesion = SoftwareAdhesionFactory(software=software, organisation=commune_a)
    SoftwareAdhesionFactory(software=SoftwareFactory(territory=software.territory))
    response = login(bob).get(reverse("digital:software_detail", args=[software.pk]))
    assert response.context["software"].uses == [adhesion]
    assert "Jouhe" in response.content.decode()


def test_posting_the_maintenance_from_its_page_bills_the_users(login, nina, software, commune_a, commune_b):
    SoftwareAdhesionFactory(software=software, organisation=commune_a)
    SoftwareAdhesionFactory(software=software, organisation=commune_b)
    client = login(nina)
    client.post(reverse("digital:maintenance_set", args=[software.pk]), {"year": 2026, "amount": "900"})
    cost = software.maintenance_costs.get()
    preview = client.get(reverse("digital:maintenance_detail", args=[cost.pk]))
    assert [share for _o, share, _d in preview.context["shares"]] == [Decimal("450.00"), Decimal("450.00")]
    client.post(reverse("digital:maintenance_post", args=[cost.pk]))
    assert Charge.objects.filter(organisation=commune_a).get().amount == Decimal("450.00")


def test_a_commune_sees_the_shares_but_cannot_post(login, bob, software, commune_a):
    SoftwareAdhesionFactory(software=software, organisation=commune_a)
    cost = maintenance_set(software=software, year=2026, amount=Decimal("100"))
    client = login(bob)
    assert client.get(reverse("digital:maintenance_detail", args=[cost.pk])).status_code == 200
    assert client.post(reverse("digital:maintenance_post", args=[cost.pk])).status_code == 403


@pytest.mark.parametrize("posted", [False, True], ids=["preview", "posted"])
def test_a_commune_sees_only_its_own_share_of_the_maintenance(
    login, nina, charlie, software, commune_a, commune_b, posted
):
    SoftwareAdhesionFactory(software=software, organisation=commune_a)
    SoftwareAdhesionFactory(software=software, organisation=commune_b)
    cost = maintenance_set(software=software, year=2026, amount=Decimal("900"))
    if posted:
        login(nina).post(reverse("digital:maintenance_post", args=[cost.pk]))
    response = login(charlie).get(reverse("digital:maintenance_detail", args=[cost.pk]))
    assert [organisation for organisation, _s, _d in response.context["shares"]] == [commune_b]
    assert response.context["hidden"] == 1
    assert "Jouhe" not in response.content.decode()


def test_the_maintenance_page_says_which_conventions_must_be_signed_before_billing(
    login, nina, software, commune_a, epci_a
):
    software_user_add(software=software, organisation=commune_a, start=date(2026, 1, 1), by=nina)
    cost = maintenance_set(software=software, year=2026, amount=Decimal("100"))
    client = login(nina)
    url = reverse("digital:maintenance_detail", args=[cost.pk])
    page = client.get(url).content.decode()
    assert "n&#x27;est pas signée" in page
    assert "Répartir et facturer" not in page
    response = client.post(reverse("digital:maintenance_post", args=[cost.pk]), follow=True)
    assert any("pas de facturation du service" in str(m) for m in response.context["messages"])
    assert not Charge.objects.exists()


def test_the_software_page_links_to_its_training_sessions_in_the_network(login, bob, software):
    page = login(bob).get(reverse("digital:software_detail", args=[software.pk])).content.decode()
    assert f"{reverse('network:session_list')}?q={quote(software.name)}" in page
