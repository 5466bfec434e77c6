"""The services communs' journey, clicked in Chromium: the coordination creates the planning permits
service with its unit of work; Jouhe's mayor joins it for 2025 with an expected volume; the
convention is sent and signed; the manager enters the 2025 budget (a financial charges line is
refused) and the expected units, posts the four quarterly calls, records the acts instructed through
the year, enters the accounts and settles the year; the commune's statement shows the calls and the
settlement. axe-core runs on every page, at 1280 and 390 px."""

import pytest
from playwright.sync_api import expect

from mutualis.billing.models import Charge
from mutualis.commonservices.models import Instalment

pytestmark = pytest.mark.browser

SERVICE = "Instruction des autorisations d'urbanisme"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def switch_to(page, login_as, user) -> None:
    page.context.clear_cookies()
    login_as(page, user)


def open_service(page) -> None:
    page.goto("/services-communs/")
    page.get_by_role("link", name=SERVICE).click()
    page.get_by_role("heading", name=SERVICE, level=1).wait_for()


def cost_sheet(page, check_a11y, source: str, units: str, lines: list[tuple[str, str]]) -> None:
    open_service(page)
    page.get_by_role("button", name="Saisir un coût annuel").click()
    page.get_by_role("textbox", name="Année", exact=True).fill("2025")
    page.get_by_label("Source").select_option(label=source)
    page.get_by_label("Unités d'œuvre de l'année").fill(units)
    page.get_by_role("button", name="Créer le coût annuel").click()
    page.get_by_text("Le coût 2025 est créé").wait_for()
    for kind, amount in lines:
        page.get_by_label("Nature").select_option(label=kind)
        page.get_by_label("Libellé").fill(kind)
        page.get_by_label("Montant (€)").fill(amount)
        page.get_by_role("button", name="Ajouter la ligne").click()
        page.get_by_text("La ligne de coût est ajoutée.").wait_for()
    check_a11y(page)


def test_a_service_commun_is_created_joined_costed_called_used_and_settled(
    page, login_as, check_a11y, screenshot, tmp_path, territory_a, epci_a, alice, eve
):
    # 1. The coordination creates the service with its unit of work.
    login_as(page, eve)
    page.goto("/services-communs/")
    page.get_by_role("heading", name="Services communs", level=1).wait_for()
    check_a11y(page)
    page.get_by_role("main").get_by_role("link", name="Nouveau service").click()
    page.get_by_label("Nom du service").fill(SERVICE)
    page.get_by_label("Ce que le service assure").fill("Instruction des permis de construire.")
    page.get_by_label("Pour qui").fill("Communes dotées d'un document d'urbanisme")
    page.get_by_label("Unité d'œuvre").fill("acte instruit")
    page.get_by_label("Mode de règlement").select_option(label="Facturation à l'adhérent")
    page.get_by_label("Appels provisionnels").select_option(label="Trimestriel")
    page.get_by_label("Modèle de convention").fill("l'instruction des autorisations d'urbanisme")
    check_a11y(page)
    screenshot(page, "commonservices-form")
    page.get_by_role("button", name="Enregistrer le service").click()
    page.get_by_role("heading", name=SERVICE, level=1).wait_for()

    # 2. Jouhe's mayor browses the catalogue and joins from 1 January 2025, expecting 60 acts.
    switch_to(page, login_as, alice)
    page.goto("/services-communs/")
    check_a11y(page)
    screenshot(page, "commonservices-catalogue")
    page.get_by_role("link", name=SERVICE).click()
    page.get_by_role("button", name="Adhérer à ce service").click()
    page.get_by_label("Adhérer à partir du").fill("2025-01-01")
    page.get_by_label("Volume prévu pour cette année").fill("60")
    check_a11y(page)
    page.get_by_role("button", name="Demander l'adhésion").click()
    page.get_by_text("L'adhésion de Jouhe est enregistrée").wait_for()

    # 3. The coordination sends the convention and records it signed.
    switch_to(page, login_as, eve)
    open_service(page)
    page.get_by_role("row", name="Jouhe").get_by_role("link", name="Brouillon").click()
    page.get_by_role("button", name="Envoyer pour signature").click()
    page.get_by_text("La convention est envoyée pour signature.").wait_for()
    scan = tmp_path / "convention-signee.pdf"
    scan.write_bytes(b"%PDF-1.4 signed\n%%EOF\n")
    paper = page.get_by_role("region", name="Convention papier signée par toutes les parties")
    paper.get_by_label("Date de signature").fill("2025-01-01")
    paper.get_by_label("Convention signée").set_input_files(scan)
    paper.get_by_role("button", name="Enregistrer la signature").click()
    page.get_by_text("La signature de la convention est enregistrée.").wait_for()

    # 4. The 2025 budget: 140,000 € for 700 acts; financial charges are refused.
    cost_sheet(page, check_a11y, "Budget primitif", "700", [
        ("Charges de personnel", "120000"), ("Fournitures", "6000"),
        ("Renouvellement des biens", "4000"), ("Contrats de services rattachés", "10000"),
    ])  # fmt: skip
    page.get_by_label("Nature").select_option(label="Charges financières")
    page.get_by_label("Libellé").fill("Intérêts d'emprunt")
    page.get_by_label("Montant (€)").fill("900")
    page.get_by_role("button", name="Ajouter la ligne").click()
    expect(page.get_by_text("Les charges financières sont exclues")).to_be_visible()
    expect(page.locator("dl.facts")).to_contain_text("200,00 €")
    check_a11y(page)
    screenshot(page, "commonservices-budget")

    # 5. The four quarterly calls of 2025 on the expected volume: 3,000 € each.
    open_service(page)
    page.get_by_role("link", name="Appels et régularisation").click()
    page.get_by_role("textbox", name="Année", exact=True).fill("2025")
    page.get_by_role("button", name="Afficher").click()
    for period in range(1, 5):
        page.get_by_role("button", name=f"Émettre l'appel de la période {period}").click()
        page.get_by_text("1 appel émis.").wait_for()
    check_a11y(page)
    screenshot(page, "commonservices-calls")
    assert Charge.objects.filter(organisation__name="Jouhe").count() == 4

    # 6. Acts instructed through the year, recorded by hand.
    open_service(page)
    page.get_by_role("link", name="Unités d'œuvre").click()
    for day, units in (("2025-05-12", "40"), ("2025-11-03", "24")):
        page.get_by_label("Adhérent").select_option(label="Jouhe")
        page.locator("#id_day").fill(day)
        page.get_by_role("textbox", name="Unités", exact=True).fill(units)
        page.get_by_role("button", name="Enregistrer", exact=True).click()
        page.get_by_text("Les unités de Jouhe sont enregistrées.").wait_for()
    check_a11y(page)
    screenshot(page, "commonservices-units")

    # 7. The 2025 accounts: 146,500 € for 730 acts; the year is settled.
    cost_sheet(page, check_a11y, "Compte administratif", "730", [
        ("Charges de personnel", "126000"), ("Fournitures", "5500"),
        ("Renouvellement des biens", "4000"), ("Contrats de services rattachés", "11000"),
    ])  # fmt: skip
    open_service(page)
    page.get_by_role("link", name="Appels et régularisation").click()
    page.get_by_role("textbox", name="Année", exact=True).fill("2025")
    page.get_by_role("button", name="Afficher").click()
    page.get_by_role("button", name="Régulariser l'année 2025").click()
    page.get_by_text("1 appel émis.").wait_for()
    settlement = Instalment.objects.settlements().get()
    assert str(settlement.amount) == "843.84"  # 64 acts × 200.684931… € = 12,843.84 €, less 12,000 € called

    # 8. The commune's statement shows both the calls and the settlement.
    switch_to(page, login_as, alice)
    page.goto("/services-communs/")
    page.get_by_role("link", name="Relevé de mon organisation").click()
    page.get_by_role("textbox", name="Année", exact=True).fill("2025")
    page.get_by_role("button", name="Afficher").click()
    statement = page.get_by_role("main")
    expect(statement).to_contain_text("Appel provisionnel 2025, période 1 sur 4")
    expect(statement).to_contain_text("Régularisation 2025")
    expect(statement).to_contain_text("843,84")
    expect(statement).to_contain_text("12\u00a0843,84")
    check_a11y(page)
    screenshot(page, "commonservices-statement")
