"""The fonds de concours' journey, clicked in Chromium: Jouhe's secretary files a project and sees
the ceilings as he types; the coordinator asks for a missing document, which he adds; an amount
above the ceiling is refused with a clear message, one within it goes to the Bureau, which grants
it; the commune opens the decision letter; the works start, the advance is paid, and the balance
is recomputed on lower actual costs. axe-core runs on every page, at 1280 and 390 px."""

from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mutualis.grants.models import Application, DocumentKind, PaymentKind, ProjectKind, Rules, Status

pytestmark = pytest.mark.browser

TITLE = "Réfection de la toiture de l'école"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def rules(territory_a, epci_a):
    """This year's rules: 50 %, 10,000 € a file, deliberation and quotes required, a 30 % advance."""
    rules = Rules.objects.create(
        territory=territory_a, year=timezone.localdate().year, file_ceiling=Decimal("10000"),
        required_documents=[DocumentKind.DELIBERATION, DocumentKind.QUOTES],
    )  # fmt: skip
    rules.eligible_kinds.add(ProjectKind.objects.create(territory=territory_a, name="Bâtiments scolaires"))
    return rules


def switch_to(page, login_as, user) -> None:
    page.context.clear_cookies()
    login_as(page, user)


def open_file(page) -> None:
    page.goto("/fonds-de-concours/")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("heading", name=TITLE, level=1).wait_for()


def join(page, tmp_path, kind: str, name: str) -> None:
    document = tmp_path / name
    document.write_bytes(b"%PDF-1.4 " + name.encode())
    page.locator("#id_kind").select_option(label=kind)
    page.get_by_label("Fichier").set_input_files(document)
    page.get_by_role("button", name="Joindre la pièce").click()
    expect(page.get_by_role("link", name=name)).to_be_visible()


def test_a_project_is_filed_instructed_granted_and_paid(
    page, login_as, check_a11y, screenshot, tmp_path, rules, bob, eve
):
    today = timezone.localdate().isoformat()
    # 1. Bob, secretary of Jouhe, files the school roof; the ceilings follow what he types.
    login_as(page, bob)
    page.goto("/fonds-de-concours/")
    page.get_by_role("heading", name="Fonds de concours", level=1).wait_for()
    check_a11y(page)
    page.get_by_role("main").get_by_role("button", name="Déposer un dossier").click()
    page.get_by_role("heading", name="Déposer un dossier", level=1).wait_for()
    check_a11y(page)
    page.get_by_label("Intitulé du projet").fill(TITLE)
    page.get_by_label("Équipement concerné").fill("École communale")
    page.get_by_label("Nature du projet").select_option(label="Bâtiments scolaires")
    page.get_by_label("Coût du projet HT (€)").press_sequentially("40000")
    page.get_by_label("Autres subventions (€)").fill("")
    page.get_by_label("Autres subventions (€)").press_sequentially("8000")
    limits = page.locator("#limits")
    expect(limits).to_contain_text("16 000,00 €")  # the legal ceiling: half of 40,000 − 8,000
    page.get_by_label("Montant demandé (€)").press_sequentially("12000")
    expect(limits).to_contain_text("Le montant demandé dépasse")
    expect(limits).to_contain_text("le plafond par dossier de l'année (10 000,00 €)")
    check_a11y(page)
    screenshot(page, "grants-form")
    page.get_by_label("Montant demandé (€)").fill("10000")
    expect(limits).not_to_contain_text("dépasse")
    page.get_by_label("Début des travaux prévu").fill(today)
    page.get_by_label("Fin des travaux prévue").fill("2099-12-31")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.get_by_role("heading", name=TITLE, level=1).wait_for()
    join(page, tmp_path, "Délibération du conseil municipal", "deliberation.pdf")
    page.get_by_role("button", name="Déposer", exact=True).click()
    expect(page.get_by_text("Le dossier est déposé")).to_be_visible()
    check_a11y(page)

    # 2. Eve, the coordinator, asks for the quotes still missing.
    switch_to(page, login_as, eve)
    open_file(page)
    check_a11y(page)
    page.get_by_text("Demander des pièces manquantes").click()
    expect(page.get_by_label("Devis")).to_be_checked()
    page.get_by_label("Message à la commune").fill("Merci de joindre les devis des entreprises.")
    page.get_by_role("button", name="Demander les pièces").click()
    expect(page.get_by_text("Les pièces sont demandées à la commune.")).to_be_visible()

    # 3. Bob adds them: the file goes back to instruction.
    switch_to(page, login_as, bob)
    open_file(page)
    expect(page.get_by_text("Pièces manquantes : Devis.")).to_be_visible()
    join(page, tmp_path, "Devis", "devis.pdf")
    assert Application.objects.get().status == Status.SUBMITTED

    # 4. Eve proposes too much, then within the ceilings, and the Bureau grants it.
    switch_to(page, login_as, eve)
    open_file(page)
    page.get_by_label("Montant proposé (€)").fill("12000")
    page.get_by_label("Séance du").fill(today)
    page.get_by_role("button", name="Proposer ce montant").click()
    expect(page.locator("#id_amount_error")).to_contain_text("le plafond par dossier de l'année (10 000,00 €)")
    check_a11y(page)
    screenshot(page, "grants-instruction")
    page.get_by_label("Montant proposé (€)").fill("10000")
    page.get_by_role("button", name="Proposer ce montant").click()
    expect(page.get_by_text("Le montant est proposé")).to_be_visible()
    page.get_by_role("radio", name="Attribué").check()
    page.get_by_label("Référence de la délibération").fill("B-2026-042")
    expect(page.get_by_label("Montant attribué (€)")).to_have_value("10000,00")
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text("La décision est enregistrée")).to_be_visible()

    # 5. Bob opens the decision letter and joins the proofs of expenses.
    switch_to(page, login_as, bob)
    open_file(page)
    letter = page.get_by_role("button", name="Lettre de décision (PDF)").get_attribute("href")
    response = page.context.request.get(letter)
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    join(page, tmp_path, "Justificatifs de dépenses", "factures.pdf")

    # 6. Eve records the works, the advance and the balance on lower actual costs.
    switch_to(page, login_as, eve)
    open_file(page)
    page.get_by_role("button", name="Enregistrer le début des travaux").click()
    page.get_by_role("button", name="Enregistrer l'avance").click()
    expect(page.get_by_role("cell", name="3 000,00")).to_be_visible()
    page.get_by_label("Coût réel HT (€)").fill("")
    page.get_by_label("Coût réel HT (€)").press_sequentially("24000")
    # Half of 24,000 − 8,000: 8,000 € in all, 5,000 € still to pay after the advance.
    expect(page.locator("#balance-preview")).to_contain_text("le solde à verser est de 5 000,00 €")
    check_a11y(page)
    screenshot(page, "grants-balance")
    page.get_by_role("button", name="Enregistrer le solde").click()
    expect(page.get_by_text("le dossier est soldé")).to_be_visible()
    check_a11y(page)
    application = Application.objects.get()
    assert application.status == Status.PAID
    assert application.payments.get(kind=PaymentKind.BALANCE).amount == Decimal("5000.00")
