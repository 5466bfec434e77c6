"""Shared software and RGPD, clicked in Chromium: the digital manager adds a software and a
user commune (its adhesion), cannot bill the year's maintenance before the adhesion's
convention is signed, then shares it out; the commune sees its charge; its secretary
fills her RGPD record from a template and exports it (CSV and PDF). axe-core on every page."""

import re
import subprocess
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from playwright.sync_api import expect

from mutualis.agreements.models import Adhesion
from mutualis.agreements.services import convention_send, convention_sign
from mutualis.billing.models import Charge
from mutualis.digital.models import ProcessingActivity
from mutualis.territory.models import Role, Service
from mutualis.territory.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def nina(epci_a):
    user = UserFactory(email="nina@example.org", first_name="Nina", last_name="Persona")
    MembershipFactory(user=user, organisation=epci_a, role=Role.SERVICE_MANAGER, service=Service.DIGITAL)
    return user


def visit(page, live_server, url: str, heading: str) -> None:
    page.goto(live_server.url + url)
    page.get_by_role("heading", name=heading, level=1).wait_for()


def test_the_manager_shares_a_software_and_the_commune_keeps_its_rgpd_record(
    page, live_server, login_as, check_a11y, screenshot, tmp_path, settings, nina, bob, commune_a, commune_b, epci_a
):
    settings.MEDIA_ROOT = tmp_path / "media"
    # 1. Nina, digital manager at the EPCI, adds the cemetery software to the catalogue.
    login_as(page, nina)
    visit(page, live_server, reverse("digital:catalogue"), "Logiciels partagés")
    check_a11y(page)
    page.get_by_role("button", name="Ajouter un logiciel").click()
    page.get_by_role("heading", name="Ajouter un logiciel", level=1).wait_for()
    check_a11y(page)
    page.get_by_label(re.compile("^Nom")).fill("Cart@CIM")
    page.get_by_label("Éditeur", exact=True).fill("Cart@DS")
    page.get_by_label(re.compile("^Usage")).fill("Gestion administrative des cimetières")
    page.get_by_label("Référent à l'EPCI").select_option(label="Nina Persona – Responsable de service")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_role("heading", name="Cart@CIM", level=1).wait_for()
    check_a11y(page)

    # 2. Jouhe starts using it on 1 January; its convention is drafted.
    page.get_by_role("button", name="Ajouter une organisation utilisatrice").click()
    check_a11y(page)
    page.get_by_label(re.compile("^Organisation utilisatrice")).select_option(label="Jouhe")
    page.get_by_label(re.compile("^Utilise le logiciel depuis le")).fill("2026-01-01")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("Jouhe utilise Cart@CIM ; la convention est créée en brouillon.").wait_for()
    expect(page.get_by_role("region", name="Organisations utilisatrices")).to_contain_text("Brouillon")
    check_a11y(page)
    screenshot(page, "digital-software")

    # 3. The 2026 maintenance, previewed then shared out and billed.
    page.get_by_role("button", name="Saisir une maintenance annuelle").click()
    check_a11y(page)
    page.get_by_label(re.compile("^Année")).fill("2026")
    page.get_by_label(re.compile("^Maintenance annuelle")).fill("180")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_role("heading", name="Maintenance 2026 de Cart@CIM", level=1).wait_for()
    expect(page.get_by_role("table")).to_contain_text("180,00 €")
    check_a11y(page)
    # Jouhe's convention is still a draft: the page says what must be signed first, and the
    # sharing cannot be launched yet.
    expect(page.get_by_role("alert")).to_contain_text("pas de facturation du service")
    expect(page.get_by_role("button", name="Répartir et facturer")).to_have_count(0)
    check_a11y(page)
    screenshot(page, "digital-maintenance-unsigned")

    # 4. Once the signed convention is recorded, the maintenance is shared out and billed.
    convention = Adhesion.objects.get(organisation=commune_a).convention
    convention_send(convention=convention, by=nina)
    scan = SimpleUploadedFile("signee.pdf", b"%PDF-1.4 signed", content_type="application/pdf")
    convention_sign(convention=convention, signed_on=date(2025, 12, 15), signed_scan=scan, by=nina)
    page.reload()
    page.get_by_role("button", name="Répartir et facturer").click()
    page.get_by_text("Maintenance répartie : 1 organisations facturées.").wait_for()
    check_a11y(page)
    screenshot(page, "digital-maintenance")
    assert Charge.objects.get(organisation=commune_a).label == "Maintenance 2026 du logiciel Cart@CIM"

    # 5. Bob, secretary of Jouhe, sees the charge in his commune's billing.
    page.context.clear_cookies()
    login_as(page, bob)
    page.goto(live_server.url + reverse("billing:charge_list"))
    expect(page.locator("main")).to_contain_text("Maintenance 2026 du logiciel Cart@CIM")
    check_a11y(page)

    # 6. He fills the RGPD record from the civil-status template, then exports it.
    visit(page, live_server, reverse("digital:my_record"), "Registre RGPD de Jouhe")
    check_a11y(page)
    page.get_by_role("button", name="Partir du modèle « État civil »").click()
    page.get_by_role("heading", name="Ajouter un traitement", level=1).wait_for()
    check_a11y(page)
    page.get_by_label(re.compile("^Responsable du traitement")).fill("Secrétariat de mairie")
    screenshot(page, "digital-processing-form")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_role("heading", name="État civil", level=1).wait_for()
    check_a11y(page)
    assert ProcessingActivity.objects.get(organisation=commune_a).legal_basis == "legal_obligation"
    page.get_by_role("link", name="Registre RGPD de Jouhe").click()
    page.get_by_role("heading", name="Registre RGPD de Jouhe", level=1).wait_for()
    check_a11y(page)
    screenshot(page, "digital-record")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    csv_path = tmp_path / "registre.csv"
    download.value.save_as(csv_path)
    assert "État civil;" in csv_path.read_text(encoding="utf-8-sig")
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF du registre").click()
    pdf = tmp_path / "registre.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Registre des activités de traitement" in text and "État civil" in text
