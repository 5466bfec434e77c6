"""The fonds de concours' follow-up, clicked in Chromium: the coordinator reads the dashboard of a
year, exports a table, enters the territory's SIRET on the open data page and downloads the SCDL
file. axe-core runs on every page, at 1280 and 390 px."""

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from mutualis.grants.models import PaymentKind, Status
from mutualis.grants.tests.factories import ApplicationFactory, PaymentFactory, RulesFactory

pytestmark = pytest.mark.browser

YEAR = 2025


@pytest.fixture
def year_of_files(territory_a, commune_a, commune_b):
    rules = RulesFactory(territory=territory_a, year=YEAR)
    for commune, amount, cost in (
        (commune_a, "4000", "20000"),
        (commune_a, "408", "1632"),
        (commune_b, "10000", "45000"),
    ):
        paid = ApplicationFactory(
            rules=rules, organisation=commune, status=Status.PAID, submitted_on=date(YEAR, 2, 3),
            decided_on=date(YEAR, 4, 10), granted_amount=Decimal(amount), cost_ht=Decimal(cost), other_subsidies=0,
            title=f"Rénovation de la salle des fêtes ({amount} €)",
        )  # fmt: skip
        PaymentFactory(application=paid, kind=PaymentKind.BALANCE, amount=Decimal(amount), paid_on=date(YEAR, 11, 5))


def test_the_coordinator_reads_the_dashboard_and_publishes_the_open_data(
    page, login_as, check_a11y, screenshot, eve, year_of_files
):
    login_as(page, eve)
    page.goto(f"/fonds-de-concours/tableau-de-bord/?annee={YEAR}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Fonds de concours en {YEAR}")
    expect(page.get_by_role("table", name="Par commune")).to_contain_text("Foucherans")
    check_a11y(page)
    screenshot(page, "grants-dashboard")
    with page.expect_download() as download:
        page.locator("a[href*='export=communes'][href*='format=csv']").click()
    assert download.value.suggested_filename == f"fonds-de-concours-communes-{YEAR}.csv"

    page.get_by_role("link", name="Données ouvertes").click()
    page.get_by_label("Année").fill(str(YEAR))
    page.get_by_role("button", name="Afficher").click()
    expect(page.get_by_role("heading", name="Le SIRET du territoire manque")).to_be_visible()
    check_a11y(page)
    page.get_by_label("SIRET de l'établissement coordonnateur").fill("20000000100013")
    page.get_by_role("button", name="Enregistrer le SIRET").click()
    expect(page.get_by_text("sa clé de contrôle est fausse")).to_be_visible()
    page.get_by_label("SIRET de l'établissement coordonnateur").fill("20000000100012")
    page.get_by_role("button", name="Enregistrer le SIRET").click()
    expect(page.get_by_text("Le SIRET du territoire est enregistré.")).to_be_visible()
    check_a11y(page)
    screenshot(page, "grants-open-data")
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger le fichier CSV (3 lignes)").click()
    assert download.value.suggested_filename == f"200000001_subventions_fonds_de_concours_{YEAR}.csv"
