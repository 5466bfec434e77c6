"""The purchasing club's journey, clicked in Chromium: the manager finds the club's members and opens a census; Jouhe
answers by form and Foucherans by the generated spreadsheet; the manager consolidates,
launches and awards the lot; Jouhe sees its commitments and savings. axe-core on every page."""

import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.urls import reverse
from playwright.sync_api import expect

from mutualis.purchasing.models import Need
from mutualis.purchasing.tests.factories import ArticleFactory, ClubAdhesionFactory, ConsultationFactory, LotFactory
from mutualis.territory.models import Role, Service
from mutualis.territory.tests.factories import MembershipFactory as SeatFactory
from mutualis.territory.tests.factories import UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def paula(epci_a):
    user = UserFactory(email="paula@example.org", first_name="Paula", last_name="Persona")
    SeatFactory(user=user, organisation=epci_a, role=Role.SERVICE_MANAGER, service=Service.PURCHASING)
    return user


@pytest.fixture
def consultation(territory_a, commune_a, commune_b):
    for commune in (commune_a, commune_b):
        ClubAdhesionFactory(organisation=commune)
    consultation = ConsultationFactory(territory=territory_a, title="Fournitures de bureau 2027")
    lot = LotFactory(consultation=consultation, number=1, title="Papier")
    ArticleFactory(lot=lot, name="Ramette A4 80 g", unit="ramette")
    ArticleFactory(lot=lot, name="Ramette A3 80 g", unit="ramette")
    return consultation


def switch_to(page, login_as, user) -> None:
    page.context.clear_cookies()
    login_as(page, user)


def open_consultation(page, consultation) -> None:
    page.goto(reverse("purchasing:programme"))
    page.get_by_role("link", name=consultation.title).click()
    page.get_by_role("heading", name=consultation.title, level=1).wait_for()


def test_census_answered_by_form_and_spreadsheet_then_consolidated_awarded_and_saved(
    page, login_as, check_a11y, screenshot, tmp_path, paula, bob, charlie, consultation, commune_a, commune_b
):
    # 1. The purchasing manager finds the club's members (their adhesions) and opens the census.
    login_as(page, paula)
    page.goto(reverse("purchasing:programme"))
    page.get_by_role("navigation", name="Achats groupés").get_by_role("link", name="Adhérents").click()
    page.get_by_label("Organisation").fill("jouhe")
    page.get_by_role("button", name="Filtrer").click()
    members = page.get_by_role("table", name="Organisations adhérentes")
    expect(members.get_by_role("row", name="Jouhe")).to_contain_text("Groupement de commandes")
    expect(members.get_by_role("row", name="Foucherans")).to_have_count(0)
    check_a11y(page)
    open_consultation(page, consultation)
    check_a11y(page)
    page.get_by_label("Date limite des réponses").fill("2099-01-31")
    page.get_by_role("button", name="Ouvrir le recensement des besoins").click()
    expect(page.get_by_text("Recensement des besoins ouvert")).to_be_visible()

    # 2. Bob, secretary of Jouhe, answers by form.
    switch_to(page, login_as, bob)
    page.goto(reverse("purchasing:programme"))
    check_a11y(page)
    screenshot(page, "purchasing-programme")
    page.get_by_role("link", name=consultation.title).click()
    page.get_by_role("button", name="Déclarer nos besoins en ligne").click()
    check_a11y(page)
    a4 = page.get_by_role("group", name="Lot 1 – Ramette A4 80 g (par ramette)")
    a4.get_by_label("Quantité par an (ramette)").fill("250")
    a4.get_by_label("Prix unitaire actuel (€ HT)").fill("4,20")
    screenshot(page, "purchasing-needs-form")
    page.get_by_role("button", name="Enregistrer nos besoins").click()
    expect(page.get_by_text("Vos besoins sont enregistrés.")).to_be_visible()

    # 3. Charlie, mayor of Foucherans, fills the generated spreadsheet and imports it.
    switch_to(page, login_as, charlie)
    open_consultation(page, consultation)
    page.get_by_role("link", name="Répondre avec un tableur").click()
    check_a11y(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX").click()
    book = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    book.active["E2"], book.active["F2"] = 100, "4,50"
    book.active["E3"], book.active["F3"] = 20, "9,00"
    filled = tmp_path / "besoins-foucherans.xlsx"
    book.save(filled)
    page.get_by_label("Tableau des besoins complété").set_input_files(filled)
    page.get_by_role("button", name="Voir l'aperçu").click()
    page.get_by_role("heading", name="Aperçu de votre réponse au recensement").wait_for()
    check_a11y(page)
    page.get_by_role("button", name="Confirmer l'import").click()
    expect(page.get_by_text("Vos besoins sont importés")).to_be_visible()
    assert Need.objects.filter(organisation=commune_b).count() == 2

    # 4. The manager consolidates, launches and awards the lot.
    switch_to(page, login_as, paula)
    open_consultation(page, consultation)
    page.get_by_role("link", name="Besoins consolidés").click()
    check_a11y(page)
    screenshot(page, "purchasing-consolidation")
    table = page.get_by_role("table", name="Quantités par an du lot 1, par adhérent")
    expect(table.get_by_role("row", name="Ramette A4 80 g (ramette)")).to_contain_text("350")
    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX").click()
    rows = list(openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active.values)
    assert ("Jouhe", 250) in [(row[3], row[4]) for row in rows]
    page.go_back()
    open_consultation(page, consultation)
    page.get_by_role("button", name="Clore le recensement et lancer la consultation").click()
    page.get_by_role("link", name="Attribuer le lot 1").click()
    check_a11y(page)
    page.get_by_role("textbox", name="Titulaire", exact=True).fill("Papeterie Comtoise")
    page.get_by_label("SIRET du titulaire").fill("55204599900869")
    page.get_by_label("Procédure").select_option("Procédure adaptée")
    page.get_by_label("Offres reçues").fill("4")
    page.get_by_label("Notifié le").fill("2026-12-01")
    page.get_by_label("Début").fill("2027-01-01")
    page.get_by_label("Fin de la période initiale (exclue)").fill("2028-01-01")
    page.get_by_label("Reconductions possibles").fill("3")
    page.get_by_label("Prix attribué : Ramette A4 80 g (ramette) (€ HT)").fill("3,55")
    page.get_by_label("Prix attribué : Ramette A3 80 g (ramette) (€ HT)").fill("7,90")
    screenshot(page, "purchasing-award-form")
    page.get_by_role("button", name="Enregistrer l'attribution").click()
    expect(page.get_by_text("Le lot est attribué.")).to_be_visible()
    page.get_by_role("link", name="Voir le marché").click()
    check_a11y(page)

    # 5. Jouhe sees its own commitment and saving: (4.20 − 3.55) × 250 = 162.50 €.
    switch_to(page, login_as, bob)
    page.goto(reverse("purchasing:commitments"))
    check_a11y(page)
    screenshot(page, "purchasing-commitments")
    expect(page.get_by_text("Économie annuelle : 162,50 € HT.")).to_be_visible()
    expect(page.get_by_text("4,50")).to_have_count(0)  # Foucherans' price stays its own
    assert Need.objects.get(organisation=commune_a).current_unit_price == Decimal("4.2")
