from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from mutualis.agreements.models import Adhesion
from mutualis.agreements.tests.factories import ConventionFactory
from mutualis.purchasing.models import Consultation, Interest, Lot
from mutualis.purchasing.services import consultation_launch, membership_join
from mutualis.purchasing.tests.factories import (
    ArticleFactory,
    ClubAdhesionFactory,
    ConsultationFactory,
    LotFactory,
    NeedFactory,
    award_lot,
)
from mutualis.territory.tests.factories import OrganisationFactory


def same_queries(query_count, client, url, add_rows) -> None:
    one = query_count(lambda: client.get(url))
    add_rows()
    assert query_count(lambda: client.get(url)) == one


def test_programme_lists_consultations_with_a_constant_query_count(
    login, alice, consultation, territory_a, query_count
):
    client = login(alice)
    same_queries(
        query_count,
        client,
        reverse("purchasing:programme"),
        lambda: [ConsultationFactory(territory=territory_a) for _index in range(10)],
    )
    assert "Fournitures de bureau" in client.get(reverse("purchasing:programme")).text


def test_programme_exports_as_xlsx(login, alice, consultation):
    import io

    import openpyxl

    response = login(alice).get(reverse("purchasing:programme") + "?format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Intitulé"
    assert sheet["A2"].value == "Fournitures de bureau"


def test_programme_filters_by_status(login, alice, consultation, territory_a):
    ConsultationFactory(territory=territory_a, title="Téléphonie mobile")
    text = login(alice).get(reverse("purchasing:programme") + "?status=census").text
    assert "Fournitures de bureau" in text and "Téléphonie mobile" not in text


def test_member_list_query_count_is_constant(login, alice, members, territory_a, query_count):
    same_queries(
        query_count,
        login(alice),
        reverse("purchasing:member_list"),
        lambda: [ClubAdhesionFactory(organisation=OrganisationFactory(territory=territory_a)) for _index in range(10)],
    )


def test_consultation_detail_query_count_is_constant(login, alice, consultation, query_count):
    def add_lots():
        for number in range(2, 8):
            ArticleFactory(lot=LotFactory(consultation=consultation, number=number))

    same_queries(query_count, login(alice), reverse("purchasing:consultation_detail", args=[consultation.pk]), add_lots)


def test_member_marks_its_interest(login, alice, territory_a, members, commune_a):
    consultation = ConsultationFactory(territory=territory_a)
    login(alice).post(reverse("purchasing:interest_toggle", args=[consultation.pk]))
    assert Interest.objects.filter(consultation=consultation, organisation=commune_a).exists()


def test_manager_programmes_a_consultation_then_a_lot(login, paula):
    client = login(paula)
    client.post(
        reverse("purchasing:consultation_create"),
        {
            "title": "Produits d'entretien 2027",
            "domain": "Produits d'entretien",
            "instrument": "joint_purchasing",
            "cpv_code": "39830000",
            "priority": 1,
            "duration_months": 48,
            "target_launch": "2027-01-15",
        },
    )
    consultation = Consultation.objects.get()
    client.post(
        reverse("purchasing:lot_create", args=[consultation.pk]),
        {"number": 1, "title": "Sols", "articles": "Détergent sols 5 L | bidon\nSacs 100 L | rouleau"},
    )
    assert list(Lot.objects.get().articles.values_list("unit", flat=True)) == ["bidon", "rouleau"]


def test_member_declares_needs_with_the_form(login, bob, consultation, articles, commune_a):
    url = reverse("purchasing:needs_declare", args=[consultation.pk])
    login(bob).post(url, {f"quantity_{articles[0].pk}": "120", f"price_{articles[0].pk}": "4,15"})
    need = commune_a and articles[0].needs.get()
    assert (need.quantity, need.current_unit_price) == (Decimal("120"), Decimal("4.15"))


def test_manager_opens_the_census_and_launches(login, paula, territory_a):
    consultation = ConsultationFactory(territory=territory_a)
    ArticleFactory(lot=LotFactory(consultation=consultation))
    client = login(paula)
    url = reverse("purchasing:consultation_move", args=[consultation.pk])
    client.post(url, {"action": "census", "deadline": "2099-01-01"})
    client.post(url, {"action": "launch"})
    consultation.refresh_from_db()
    assert consultation.status == "launched"


def test_manager_records_an_award(login, paula, consultation, articles, commune_a):
    NeedFactory(article=articles[0], organisation=commune_a)
    consultation_launch(consultation=consultation, on=timezone.localdate(), by=None)
    lot = articles[0].lot
    login(paula).post(
        reverse("purchasing:award_create", args=[lot.pk]),
        {
            "supplier_name": "Papeterie Comtoise",
            "supplier_siret": "55204599900869",
            "procedure": "Procédure adaptée",
            "offers_received": 4,
            "notified_on": "2026-11-02",
            "start": "2027-01-01",
            "end": "2028-01-01",
            "renewals": 3,
            f"price_{articles[0].pk}": "3,55",
            f"price_{articles[1].pk}": "6,10",
        },
    )
    lot.refresh_from_db()
    assert lot.award.supplier_name == "Papeterie Comtoise"


@pytest.fixture
def awarded(consultation, articles, commune_a):
    NeedFactory(article=articles[0], organisation=commune_a, quantity=Decimal("100"), current_unit_price=Decimal("4"))
    consultation_launch(consultation=consultation, on=timezone.localdate(), by=None)
    return award_lot(articles[0].lot)


def test_member_sees_its_commitments_and_savings(login, bob, awarded):
    text = login(bob).get(reverse("purchasing:commitments")).text
    assert "Papeterie Comtoise" in text
    assert "Économie annuelle : 50,00" in text


def test_commitments_query_count_is_constant(login, bob, awarded, commune_a, territory_a, query_count):
    def add():
        consultation = ConsultationFactory(territory=territory_a, census=True)
        lot = LotFactory(consultation=consultation, number=1)
        for _index in range(3):
            NeedFactory(article=ArticleFactory(lot=lot), organisation=commune_a)
        consultation_launch(consultation=consultation, on=timezone.localdate(), by=None)
        award_lot(lot)

    same_queries(query_count, login(bob), reverse("purchasing:commitments"), add)


def test_dashboard_shows_savings_per_member(login, paula, awarded):
    text = login(paula).get(reverse("purchasing:dashboard")).text
    assert "Jouhe" in text and "50,00" in text


def test_dashboard_query_count_is_constant(login, paula, awarded, territory_a, query_count):
    same_queries(
        query_count,
        login(paula),
        reverse("purchasing:dashboard"),
        lambda: [ConsultationFactory(territory=territory_a, census=True) for _index in range(5)],
    )


def test_manager_registers_an_adhesion_with_its_convention(login, paula, commune_a, epci_a):
    login(paula).post(
        reverse("purchasing:member_join"),
        {"organisation": commune_a.pk, "instrument": "purchasing_centre", "joined_on": "2026-12-01"},
    )
    adhesion = Adhesion.objects.get()
    assert (adhesion.service, adhesion.instrument, adhesion.start) == (
        "purchasing",
        "purchasing_centre",
        date(2026, 12, 1),
    )
    assert adhesion.convention.instrument == "purchasing_centre"
    assert set(adhesion.convention.parties.all()) == {commune_a, epci_a}


def test_a_group_convention_given_is_kept(paula, commune_a, epci_a):
    group = ConventionFactory(territory=commune_a.territory, instrument="joint_purchasing", parties=[epci_a, commune_a])
    adhesion = membership_join(
        organisation=commune_a, instrument="joint_purchasing", joined_on=date(2026, 1, 5), convention=group, by=paula
    )
    assert adhesion.convention == group


def test_manager_records_a_free_withdrawal(login, paula, members):
    today = timezone.localdate()
    login(paula).post(reverse("purchasing:member_withdraw", args=[members[0].pk]), {"on": today.isoformat()})
    members[0].refresh_from_db()
    assert members[0].end == today


def test_the_withdrawal_screen_refuses_another_services_adhesion(login, paula, commune_a):
    other = ClubAdhesionFactory(organisation=commune_a, service="replacement", instrument="")
    assert login(paula).get(reverse("purchasing:member_withdraw", args=[other.pk])).status_code == 403


def test_member_list_shows_the_club_adhesions_only(login, alice, members, commune_a, territory_a):
    ClubAdhesionFactory(organisation=OrganisationFactory(territory=territory_a, name="Damparis"), service="replacement")
    text = login(alice).get(reverse("purchasing:member_list")).text
    assert "Jouhe" in text and "Foucherans" in text and "Damparis" not in text


def test_member_list_filters_by_name_formula_and_withdrawal(login, alice, members, commune_a, territory_a):
    ClubAdhesionFactory(
        organisation=OrganisationFactory(territory=territory_a, name="Damparis"), instrument="purchasing_centre"
    )
    members[1].end = timezone.localdate()
    members[1].save()
    client = login(alice)
    url = reverse("purchasing:member_list")
    assert rows(client.get(url)) == ["Damparis", "Jouhe"]
    assert rows(client.get(url + "?ended=on")) == ["Damparis", "Foucherans", "Jouhe"]
    assert rows(client.get(url + "?instrument=purchasing_centre")) == ["Damparis"]
    assert rows(client.get(url + "?q=jou")) == ["Jouhe"]


def test_member_list_exports_the_filtered_adhesions(login, alice, members):
    response = login(alice).get(reverse("purchasing:member_list") + "?q=foucherans&format=csv")
    text = response.content.decode("utf-8-sig")
    assert "Foucherans" in text and "Jouhe" not in text
    assert text.splitlines()[0].startswith("Organisation;Formule;Adhésion le;Retrait le")


def rows(response) -> list[str]:
    return [row.organisation.name for row in response.context["page"]]
