"""The whole lending journey between two communes, clicked in Chromium: census, catalogue search
with a period, request, acceptance, convention PDF, each mayor's signature (no handover before),
check-out, check-in with damage, and the charges the borrower sees. The loan starts today so
that both handovers can be dated today."""

import re
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from mutualis.equipment.models import Loan, LoanStatus, Request, RequestStatus
from mutualis.equipment.tests.factories import CategoryFactory, ItemFactory, LoanFactory

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
NAME = "Débroussailleuse thermique"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def other_items(epci_a, commune_a, alice):
    """Two items the search must leave out: one that matches the text but is lent over the
    period, one that does not match the text."""
    green = CategoryFactory(territory=epci_a.territory, name="Espaces verts")
    taken = ItemFactory(owner=epci_a, category=green, name="Débroussailleuse à dos")
    today = timezone.localdate()
    LoanFactory(
        request__item=taken,
        request__borrower=commune_a,
        request__contact=alice,
        request__start=today,
        request__end=today + timedelta(days=5),
    )
    ItemFactory(owner=epci_a, category=green, name="Tondeuse autoportée")


def pdf_pages_as_png(pdf: Path, prefix: Path) -> list[Path]:
    for stale in prefix.parent.glob(f"{prefix.name}-*.png"):
        stale.unlink()
    prefix.parent.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(prefix)], check=True)
    return sorted(prefix.parent.glob(f"{prefix.name}-*.png"))


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def switch_to(page, login_as, user) -> None:
    page.context.clear_cookies()
    login_as(page, user)


def sign_for(page, organisation: str, day) -> None:
    """The mayor signs the convention for her commune, from the convention's page."""
    region = page.get_by_role("region", name=f"Signer pour {organisation}")
    region.get_by_label("Date de signature").fill(day.isoformat())
    region.get_by_role("button", name=f"Signer pour {organisation}").click()
    page.get_by_text(re.compile(r"La signature .*est enregistrée")).wait_for()


def open_equipment(page) -> None:
    menu = page.get_by_role("navigation", name="Navigation principale")
    menu.get_by_text("Services", exact=True).click()
    menu.get_by_role("link", name="Matériel partagé").click()
    page.get_by_role("heading", name="Matériel partagé", level=1).wait_for()


def test_a_commune_lends_an_item_to_another_and_bills_the_fee_and_the_damage(
    page, live_server, login_as, check_a11y, screenshot, tmp_path, alice, bob, charlie, commune_a, commune_b,
    other_items,
):  # fmt: skip
    today = timezone.localdate()
    last_day = today + timedelta(days=2)

    # 1. Bob, secretary of Jouhe, declares the brush cutter at 15 € a day with a 200 € deposit.
    login_as(page, bob)
    open_equipment(page)
    check_a11y(page)
    page.get_by_role("button", name="Déclarer un matériel").click()
    page.get_by_role("heading", name="Déclarer un matériel", level=1).wait_for()
    check_a11y(page)
    page.get_by_label(re.compile("^Nom")).fill(NAME)
    page.get_by_label("Catégorie").select_option(label="Espaces verts")
    page.get_by_label("Description").fill("Débroussailleuse 2 temps avec harnais et lame à taillis.")
    page.get_by_label("Lieu de stockage").fill("Atelier municipal, rue de l'Église")
    page.get_by_label("Tarif par jour (€)").fill("15")
    page.get_by_label("Caution (€)").fill("200")
    page.get_by_label("Valeur d'achat (€)").fill("650")
    page.get_by_label("Conditions d'utilisation").fill("Rendre le réservoir plein et la lame nettoyée.")
    page.get_by_label("Personne à contacter").select_option(label="Bob Persona")
    screenshot(page, "equipment-census-form")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.get_by_text("Le matériel est ajouté au catalogue.").wait_for()
    page.get_by_role("heading", name=NAME, level=1).wait_for()
    check_a11y(page)

    # 2. Charlie, mayor of Foucherans, searches the catalogue for a free brush cutter and asks for it.
    switch_to(page, login_as, charlie)
    open_equipment(page)
    check_a11y(page)
    count = page.locator("#results [role=status]")
    expect(count).to_have_text("3 matériels")
    page.get_by_label("Rechercher").fill("debroussailleuse")
    page.get_by_role("button", name="Filtrer").click()
    expect(count).to_have_text("2 matériels")
    page.get_by_label("Libre du").fill(today.isoformat())
    page.get_by_label("au (inclus)").fill(last_day.isoformat())
    page.get_by_role("button", name="Filtrer").click()
    expect(count).to_have_text("1 matériel")
    results = page.locator("#results tbody")
    expect(results.get_by_role("link")).to_have_text([NAME])
    expect(results).to_contain_text("Jouhe")
    expect(results).to_contain_text("15,00 €")
    check_a11y(page)
    screenshot(page, "equipment-catalogue-search")

    results.get_by_role("link", name=NAME).click()
    page.get_by_role("heading", name=NAME, level=1).wait_for()
    check_a11y(page)
    screenshot(page, "equipment-item")
    page.get_by_role("button", name="Demander ce matériel").click()
    page.get_by_role("heading", name=f"Demander {NAME}", level=1).wait_for()
    check_a11y(page)
    page.get_by_label("Premier jour").fill(today.isoformat())
    page.get_by_label("Dernier jour (inclus)").fill(last_day.isoformat())
    page.get_by_label("Usage prévu").fill("Débroussaillage des talus du chemin de la Loue")
    page.get_by_label("Retrait chez le prêteur").check()
    page.get_by_label("Personne à contacter").select_option(label="Charlie Persona")
    screenshot(page, "equipment-request-form")
    page.get_by_role("button", name="Envoyer la demande").click()
    page.get_by_text("Votre demande est envoyée au propriétaire.").wait_for()
    expect(page.locator("h1 .badge")).to_have_text("En attente")
    check_a11y(page)
    item_request = Request.objects.get(item__name=NAME)
    assert (item_request.borrower, item_request.start, item_request.end) == (commune_b, today, last_day + timedelta(1))

    # 3. Alice, mayor of Jouhe, finds the request among those received and accepts it.
    switch_to(page, login_as, alice)
    open_equipment(page)
    page.get_by_role("link", name="Demandes reçues").click()
    page.get_by_role("heading", name="Demandes reçues", level=1).wait_for()
    check_a11y(page)
    row = page.get_by_role("row").filter(has_text="Foucherans")
    expect(row).to_contain_text("En attente")
    screenshot(page, "equipment-received-requests")
    row.get_by_role("link", name=NAME).click()
    page.wait_for_url(f"**{reverse('equipment:request_detail', args=[item_request.pk])}")
    check_a11y(page)
    screenshot(page, "equipment-decision")
    page.get_by_role("button", name="Accepter").click()
    page.get_by_text(
        "La demande est acceptée : le prêt est créé et sa convention envoyée pour signature aux parties."
    ).wait_for()
    loan = Loan.objects.get(request=item_request)
    assert page.url.endswith(reverse("equipment:loan_detail", args=[loan.pk]))
    item_request.refresh_from_db()
    assert item_request.status == RequestStatus.ACCEPTED
    check_a11y(page)

    # 4. The convention PDF, downloaded from the loan page.
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Télécharger la convention (PDF)").click()
    pdf = tmp_path / "convention.pdf"
    download_info.value.save_as(pdf)
    assert pdf_pages_as_png(pdf, ARTIFACTS / "equipment-convention-pdf"), "pdftoppm made no page"
    text = " ".join(pdf_text(pdf).split())
    assert NAME in text
    assert "Jouhe" in text and "Foucherans" in text
    assert "L5211-4-3" in text

    # 5. No handover before both mayors have signed: the loan page says who must sign.
    refusal = page.locator("#handover-refusal")
    expect(refusal).to_contain_text("Doivent encore signer : Jouhe (le maire, le président ou son délégué)")
    expect(refusal).to_contain_text("Foucherans")
    assert page.get_by_role("button", name="Enregistrer la remise").count() == 0
    screenshot(page, "equipment-loan-awaiting-signatures")
    refusal.get_by_role("link", name="Voir la convention et ses signatures").click()
    sign_for(page, "Jouhe", today)
    check_a11y(page)
    switch_to(page, login_as, charlie)
    page.goto(reverse("agreements:convention_detail", args=[loan.convention_id]))
    sign_for(page, "Foucherans", today)
    page.get_by_text("toutes les parties ont signé").wait_for()

    # 6. Alice records the check-out, then the return with damage, both today.
    switch_to(page, login_as, alice)
    page.goto(reverse("equipment:loan_detail", args=[loan.pk]))
    page.get_by_role("button", name="Enregistrer la remise").click()
    page.get_by_role("heading", name="Enregistrer la remise", level=1).wait_for()
    check_a11y(page)
    page.get_by_label("Date de remise").fill(today.isoformat())
    page.get_by_label("État au départ").fill("Bon état, lame neuve, réservoir plein.")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.get_by_text("La remise du matériel est enregistrée.").wait_for()
    expect(page.get_by_role("region", name="Remise")).to_contain_text("Bon état, lame neuve")
    check_a11y(page)

    page.get_by_role("button", name="Enregistrer le retour").click()
    page.get_by_role("heading", name="Enregistrer le retour", level=1).wait_for()
    check_a11y(page)
    page.get_by_label("Date de retour").fill(today.isoformat())
    page.get_by_label("État au retour").fill("Carter fissuré.")
    page.get_by_label("Dommages constatés").check()
    page.get_by_label("Description des dommages").fill("Carter de la lame fissuré, à remplacer.")
    page.get_by_label("Montant des dommages (€)").fill("120")
    screenshot(page, "equipment-checkin-form")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.get_by_text("Le retour est enregistré et les frais sont facturés.").wait_for()
    check_a11y(page)
    screenshot(page, "equipment-loan-returned")
    loan.refresh_from_db()
    assert loan.status == LoanStatus.RETURNED
    assert (loan.checked_out_on, loan.checked_in_on) == (today, today)

    # 7. Charlie sees both charges on his commune's page and in billing.
    switch_to(page, login_as, charlie)
    page.get_by_role("main").get_by_role("link", name="Foucherans", exact=True).click()
    page.get_by_role("heading", name="Foucherans", level=1).wait_for()
    check_a11y(page)
    billing = page.get_by_role("region", name="Facturation")
    fee = billing.get_by_role("row").filter(has_text=f"Prêt de {NAME}")
    damage = billing.get_by_role("row").filter(has_text=f"Dommages sur {NAME}")
    expect(fee).to_contain_text("15,00")
    expect(damage).to_contain_text("120,00")
    expect(billing).to_contain_text("Total des lignes enregistrées : 135,00 €.")
    screenshot(page, "equipment-borrower-billing")

    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Facturation").click()
    page.get_by_role("heading", name="Facturation", level=1).wait_for()
    check_a11y(page)
    charges = page.locator("#results tbody")
    expect(charges.get_by_role("row").filter(has_text=f"Prêt de {NAME}")).to_contain_text("15,00")
    expect(charges.get_by_role("row").filter(has_text=f"Dommages sur {NAME}")).to_contain_text("120,00")
