from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mutualis.agreements.models import Adhesion
from mutualis.commonservices import services
from mutualis.commonservices.models import (
    CommissionMeeting,
    CommissionMember,
    CommonService,
    CostLine,
    Instalment,
    Settlement,
    UnitUse,
)
from mutualis.commonservices.tests.conftest import join, sheet
from mutualis.commonservices.tests.factories import CommonServiceFactory, UnitUseFactory
from mutualis.territory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"commonservices:{name}", args=args)


def test_communes_browse_the_open_services_of_the_catalogue(login, alice, permits, territory_a):
    CommonServiceFactory(territory=territory_a, name="Pack RH", active=False)
    page = login(alice).get(url("service_list")).content.decode()
    assert "Instruction des autorisations" in page and "Pack RH" not in page


def test_the_manager_creates_a_service_with_its_unit(login, colin, territory_a):
    data = {
        "name": "Pack Ressources Humaines",
        "description": "Paie et carrières des agents.",
        "audience": "Communes de moins de 1 000 habitants",
        "unit": "agent géré",
        "settlement": "ac_deduction",
        "rhythm": "half_yearly",
        "notice_months": "6",
        "convention_model": "la gestion des paies et carrières",
        "active": "on",
    }
    response = login(colin).post(url("service_create"), data)
    service = CommonService.objects.get(name="Pack Ressources Humaines")
    assert response.status_code == 302 and service.unit == "agent géré" and service.periods == 2
    assert service.notice_months == 6


def test_a_mayor_joins_for_the_commune_with_an_expected_volume(login, alice, permits, commune_a):
    response = login(alice).post(
        url("service_join", permits.pk), {"organisation": commune_a.pk, "start": "2026-04-01", "expected_units": "12"}
    )
    assert response.status_code == 302
    adhesion = Adhesion.objects.get(organisation=commune_a)
    assert adhesion.subject == permits and adhesion.expected_volumes.get().units == Decimal("12")


def test_a_secretary_cannot_join_but_states_the_volume(login, bob, permits, commune_a):
    join(permits, commune_a, 10, start=date(2026, 1, 1))
    client = login(bob)
    assert client.get(url("service_join", permits.pk)).status_code == 403
    response = client.post(url("volume_set", permits.pk), {"organisation": commune_a.pk, "year": "2026", "units": "15"})
    assert response.status_code == 302
    assert Adhesion.objects.get().expected_volumes.get(year=2026).units == Decimal("15")


def test_a_financial_charges_line_is_refused_next_to_the_field(login, colin, budget_2025):
    response = login(colin).post(
        url("line_add", budget_2025.pk), {"kind": "financial", "label": "Intérêts d'emprunt", "amount": "1200"}
    )
    assert response.status_code == 400
    assert "charges financières sont exclues" in response.content.decode()
    assert not CostLine.objects.filter(label="Intérêts d'emprunt").exists()


def test_the_sheet_shows_its_unit_cost(login, alice, accounts_2025):
    page = login(alice).get(url("sheet_detail", accounts_2025.pk)).content.decode()
    assert "200,6849" in page


def test_the_manager_records_units_by_hand(login, colin, permits, commune_a):
    join(permits, commune_a, 10)
    response = login(colin).post(
        url("unit_record", permits.pk), {"organisation": commune_a.pk, "day": "2025-05-12", "units": "2,5"}
    )
    assert response.status_code == 302 and UnitUse.objects.get().units == Decimal("2.5")


def upload(content: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("unites.csv", content.encode(), content_type="text/csv")


def test_an_import_with_a_wrong_row_records_nothing_and_names_the_row(login, colin, permits, commune_a, commune_b):
    join(permits, commune_a, 10)
    client = login(colin)
    csv = f"organisation;date;units\n{commune_a.insee_code};03/03/2025;4\n{commune_b.name};03/03/2025;2\n"
    page = client.post(url("unit_import", permits.pk), {"file": upload(csv)}).content.decode()
    assert "adhère pas au service au 03/03/2025" in page
    assert not UnitUse.objects.exists()


def test_an_import_is_recorded_once_confirmed(login, colin, permits, commune_a):
    join(permits, commune_a, 10)
    client = login(colin)
    csv = (
        f"organisation;date;units;note\n{commune_a.insee_code};03/03/2025;4;PC 039 001\n"
        f"{commune_a.name};04/03/2025;1,5;\n"
    )
    preview = client.post(url("unit_import", permits.pk), {"file": upload(csv)})
    client.post(url("unit_import_confirm", permits.pk), {"digest": preview.context["digest"]})
    assert sorted(UnitUse.objects.values_list("units", flat=True)) == [Decimal("1.5"), Decimal("4")]
    assert set(UnitUse.objects.values_list("origin", flat=True)) == {"import"}


def test_calls_and_settlement_from_the_billing_page_reach_the_statement(
    login, colin, alice, permits, budget_2025, accounts_2025, commune_a
):
    join(permits, commune_a, 60)
    client = login(colin)
    for period in (1, 2, 3, 4):
        client.post(url("provisional_post", permits.pk), {"year": "2025", "period": str(period)})
    services.unit_use_record(service=permits, organisation=commune_a, day=date(2025, 9, 1), units=Decimal("64"))
    client.post(url("settlement_post", permits.pk), {"year": "2025"})
    assert Instalment.objects.count() == 5
    page = login(alice).get(url("statement", commune_a.pk) + "?annee=2025").content.decode()
    assert "Appel provisionnel 2025, période 1 sur 4" in page and "Régularisation 2025" in page
    assert "3\xa0000,00" in page


def test_a_deducted_service_appears_on_the_statement_apart_from_what_is_invoiced(
    login, colin, alice, permits, budget_2025, commune_a
):
    permits.settlement = Settlement.AC_DEDUCTION
    permits.save()
    join(permits, commune_a, 60)
    login(colin).post(url("provisional_post", permits.pk), {"year": "2025", "period": "1"})
    page = login(alice).get(url("statement", commune_a.pk) + "?annee=2025").content.decode()
    deducted = page.split("Déduit de l'attribution de compensation", 1)[1]
    assert "Facturé</h2>" not in page and "3\xa0000,00" in deducted


def test_the_statement_pdf_is_a_pdf(login, alice, commune_a):
    response = login(alice).get(url("statement_pdf", commune_a.pk) + "?annee=2025")
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")


def test_a_commune_does_not_read_another_communes_statement(login, alice, commune_b):
    assert login(alice).get(url("statement", commune_b.pk)).status_code == 403


def test_the_commission_adds_members_and_minutes(login, eve, alice, territory_a):
    client = login(eve)
    client.post(url("member_add"), {"user": alice.pk, "quality": "Maire de Jouhe"})
    minutes = SimpleUploadedFile("cr.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    client.post(url("meeting_add"), {"day": "2026-02-10", "agenda": "Bilan 2025", "minutes": minutes})
    assert CommissionMember.objects.get().user == alice
    assert CommissionMeeting.objects.get().minutes_name == "cr.pdf"
    assert login(alice).get(url("commission")).status_code == 200


def test_the_followup_offers_the_coordination_a_proposal_to_the_bureau(login, eve, permits, accounts_2025):
    page = login(eve).get(url("followup", permits.pk)).content.decode()
    assert reverse("steering:adjustment_for_service") in page and "200,6849" in page


@pytest.mark.parametrize("name", ["service_list", "commission"])
def test_territory_lists_cost_the_same_queries_for_1_and_50_services(
    login, eve, territory_a, epci_a, query_count, name
):
    client = login(eve)
    CommonServiceFactory(territory=territory_a)
    one = query_count(lambda: client.get(url(name)))
    for _ in range(49):
        CommonServiceFactory(territory=territory_a)
    assert query_count(lambda: client.get(url(name))) == one


@pytest.mark.parametrize("name", ["unit_list", "billing", "service_detail", "followup"])
def test_service_pages_cost_the_same_queries_for_1_and_50_adherents(
    login, eve, permits, budget_2025, query_count, name
):
    client = login(eve)

    def adherent():
        organisation = OrganisationFactory(territory=permits.territory)
        join(permits, organisation, 10)
        UnitUseFactory(service=permits, organisation=organisation, day=date(2025, 3, 1))

    adherent()
    services.provisional_post(service=permits, year=2025, period=1)
    address = url(name, permits.pk) + "?annee=2025"
    one = query_count(lambda: client.get(address))
    for _ in range(49):
        adherent()
    services.provisional_post(service=permits, year=2025, period=1)
    assert query_count(lambda: client.get(address)) == one


def test_the_statement_costs_the_same_queries_for_1_and_50_services(
    login, alice, territory_a, epci_a, commune_a, query_count
):
    client = login(alice)
    address = url("statement", commune_a.pk) + "?annee=2025"

    def service_with_call():
        service = CommonServiceFactory(territory=territory_a)
        sheet(service, 2025, "budget", 10, {"staff": "1000"})
        join(service, commune_a, 2)
        services.provisional_post(service=service, year=2025, period=1)

    service_with_call()
    one = query_count(lambda: client.get(address))
    for _ in range(9):
        service_with_call()
    assert query_count(lambda: client.get(address)) == one
