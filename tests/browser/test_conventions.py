import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from mutualis.agreements.models import Convention, Instrument, Status
from mutualis.agreements.services import convention_create, convention_send

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TITLE = "Prêt de la balayeuse de voirie"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def pdf_pages_as_png(pdf: Path, prefix: Path) -> list[Path]:
    for stale in prefix.parent.glob(f"{prefix.name}-*.png"):
        stale.unlink()
    prefix.parent.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(prefix)], check=True)
    return sorted(prefix.parent.glob(f"{prefix.name}-*.png"))


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def ink_ratio(png: Path) -> float:
    """The share of pixels that are not near-white: a blank or broken page is close to 0."""
    with Image.open(png) as image:
        histogram = image.convert("L").histogram()
    return sum(histogram[:200]) / sum(histogram)


def test_coordinator_creates_prints_sends_and_signs_a_convention(
    page, live_server, login_as, check_a11y, screenshot, tmp_path, eve, epci_a, commune_a
):
    login_as(page, eve)
    page.goto(reverse("agreements:convention_list"))
    check_a11y(page)
    page.get_by_role("button", name="Nouvelle convention").click()
    page.get_by_role("heading", name="Nouvelle convention", level=1).wait_for()
    check_a11y(page)

    page.get_by_label("Instrument juridique").select_option(label="Mise en commun de moyens")
    page.get_by_label("Titre").fill(TITLE)
    page.get_by_label("Objet").fill("Prêt de la balayeuse de voirie de l'agglomération pour le nettoyage de printemps")
    first, second = page.get_by_role("group", name="Partie 1"), page.get_by_role("group", name="Partie 2")
    assert first.get_by_label("Organisation").input_value() == str(epci_a.pk)
    first.get_by_label("Qualité").fill("prêteur")
    second.get_by_label("Organisation").select_option(label="Jouhe")
    second.get_by_label("Qualité").fill("emprunteur")
    page.get_by_label("Premier jour").fill("2025-03-01")
    page.get_by_label("Dernier jour").fill("2025-03-31")
    page.get_by_label("Montant (€)").fill("350")
    page.get_by_label("Description du montant").fill("forfait de mise à disposition")
    screenshot(page, "convention-form")
    page.get_by_role("button", name="Créer la convention").click()

    page.get_by_text("La convention est créée en brouillon.").wait_for()
    convention = Convention.objects.get()
    assert page.url.endswith(reverse("agreements:convention_detail", args=[convention.pk]))
    assert page.locator("h1 .badge").inner_text() == "Brouillon"
    check_a11y(page)
    screenshot(page, "convention-draft")

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Télécharger le PDF").click()
    pdf = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(pdf)
    assert pdf.name == "pret-de-la-balayeuse-de-voirie.pdf"
    pages = pdf_pages_as_png(pdf, ARTIFACTS / "convention-pdf")
    assert pages, "pdftoppm made no page"
    with Image.open(pages[0]) as image:
        width, height = image.size
    assert abs(width - 661) <= 2 and abs(height - 935) <= 2, (width, height)  # A4 at 80 dpi: 661.4 × 935.4
    assert 0.01 < ink_ratio(pages[0]) < 0.5
    text = pdf_text(pdf)
    assert TITLE.upper() in text
    assert "Agglo A" in text and "Jouhe" in text
    assert "L5211-4-3" in text

    page.get_by_role("button", name="Envoyer pour signature").click()
    page.get_by_text("La convention est envoyée pour signature.").wait_for()
    assert page.locator("h1 .badge").inner_text() == "Envoyée pour signature"
    check_a11y(page)

    today = timezone.localdate()
    paper = page.get_by_role("region", name="Convention papier signée par toutes les parties")
    paper.get_by_label("Date de signature").fill(today.isoformat())
    paper.get_by_label("Convention signée").set_input_files(pdf)
    paper.get_by_role("button", name="Enregistrer la signature").click()
    page.get_by_text("La signature de la convention est enregistrée.").wait_for()
    assert page.locator("h1 .badge").inner_text() == "Signée"
    check_a11y(page)
    screenshot(page, "convention-signed")
    convention.refresh_from_db()
    assert convention.status == Status.SIGNED
    assert convention.signed_on == today

    with page.expect_download() as scan_info:
        page.get_by_role("button", name="Télécharger la convention signée").click()
    assert Path(scan_info.value.path()).read_bytes() == pdf.read_bytes()


def test_a_party_sees_the_convention_on_her_organisation_and_another_commune_gets_404(
    page, live_server, login_as, check_a11y, screenshot, eve, epci_a, commune_a, alice, charlie
):
    login_as(page, eve)
    page.goto(reverse("agreements:convention_create"))
    page.get_by_label("Instrument juridique").select_option(label="Mise en commun de moyens")
    page.get_by_label("Titre").fill(TITLE)
    page.get_by_label("Objet").fill("Prêt de la balayeuse de voirie")
    page.get_by_role("group", name="Partie 1").get_by_label("Qualité").fill("prêteur")
    second = page.get_by_role("group", name="Partie 2")
    second.get_by_label("Organisation").select_option(label="Jouhe")
    second.get_by_label("Qualité").fill("emprunteur")
    page.get_by_label("Premier jour").fill("2025-03-01")
    page.get_by_role("button", name="Créer la convention").click()
    page.get_by_text("La convention est créée en brouillon.").wait_for()
    detail_url = reverse("agreements:convention_detail", args=[Convention.objects.get().pk])

    page.context.clear_cookies()
    login_as(page, alice)
    page.get_by_role("main").get_by_role("link", name="Jouhe", exact=True).click()
    page.get_by_role("heading", name="Jouhe", level=1).wait_for()
    check_a11y(page)
    screenshot(page, "organisation-conventions")
    conventions = page.get_by_role("region", name="Conventions")
    conventions.get_by_role("link", name=TITLE).click()
    page.wait_for_url(f"**{detail_url}")
    assert page.get_by_role("button", name="Envoyer pour signature").count() == 0
    check_a11y(page)

    page.context.clear_cookies()
    login_as(page, charlie)
    check_a11y(page)
    response = page.goto(detail_url)
    assert response.status == 404
    check_a11y(page)


def test_the_mayor_signs_for_her_commune_and_the_coordination_countersigns(
    page, live_server, login_as, check_a11y, screenshot, eve, alice, epci_a, commune_a
):
    convention = convention_create(
        territory=epci_a.territory,
        instrument=Instrument.POOLING_OF_RESOURCES,
        title=TITLE,
        object="Prêt de la balayeuse de voirie pour le nettoyage de printemps",
        parties=[(epci_a, "prêteur"), (commune_a, "emprunteur")],
        start=timezone.localdate(),
        created_by=eve,
    )
    convention_send(convention=convention, by=eve)
    detail_url = reverse("agreements:convention_detail", args=[convention.pk])
    today = timezone.localdate().isoformat()

    login_as(page, alice)
    page.goto(detail_url)
    assert "Signatures manquantes : 2 parties." in page.locator("#signature-state").inner_text()
    assert page.get_by_role("region", name="Signer pour Agglo A").count() == 0
    check_a11y(page)
    screenshot(page, "convention-awaiting-signatures")
    commune = page.get_by_role("region", name="Signer pour Jouhe")
    commune.get_by_label("Date de signature").fill(today)
    assert commune.get_by_label("Signataire (nom et qualité)").input_value() == "Alice Persona"
    commune.get_by_label("Signataire (nom et qualité)").fill("Alice Persona, maire de Jouhe")
    commune.get_by_role("button", name="Signer pour Jouhe").click()
    page.get_by_text("La signature de Jouhe est enregistrée.").wait_for()
    assert "Signature manquante : 1 partie." in page.locator("#signature-state").inner_text()
    assert "Agglo A (la coordination de l'EPCI)" in page.locator("#signature-state").inner_text()
    check_a11y(page)

    page.context.clear_cookies()
    login_as(page, eve)
    page.goto(detail_url)
    epci = page.get_by_role("region", name="Signer pour Agglo A")
    epci.get_by_label("Date de signature").fill(today)
    epci.get_by_label("Signataire (nom et qualité)").fill("Eve Persona, pour le président")
    epci.get_by_role("button", name="Signer pour Agglo A").click()
    page.get_by_text("toutes les parties ont signé").wait_for()
    assert page.locator("h1 .badge").inner_text() == "Signée"
    signatures = page.get_by_role("table", name="Parties à la convention et état de leur signature").inner_text()
    assert "par Alice Persona, maire de Jouhe" in signatures and "par Eve Persona, pour le président" in signatures
    check_a11y(page)
    screenshot(page, "convention-signed-by-each-party")
    convention.refresh_from_db()
    assert (convention.status, convention.signed_on.isoformat()) == (Status.SIGNED, today)
