"""A commune's sports facility from inventory to register, clicked in Chromium: the secretary
inventories a goal and plans its inspections, the expertise cell's inspector records a major
defect with a photo, both see the overdue and upcoming inspections, and the register PDF."""

import re
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from mutualis.core.tests.uploads import image_bytes
from mutualis.facilities.models import Facility, FacilityStatus
from mutualis.territory.models import Role, Service
from mutualis.territory.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
NAME = "But de football nord"
PNG = image_bytes("png")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def hugo(epci_a):
    """The expertise desk's manager: the cell's inspector."""
    user = UserFactory(email="hugo@example.org", first_name="Hugo", last_name="Persona")
    MembershipFactory(user=user, organisation=epci_a, role=Role.SERVICE_MANAGER, service=Service.HELPDESK)
    return user


def add_plan(page, check_a11y, kind: str, every: str, unit: str, starts_on) -> None:
    page.get_by_role("button", name="Ajouter un plan de contrôle").click()
    page.get_by_role("heading", name=f"Plan de contrôle – {NAME}", level=1).wait_for()
    check_a11y(page)
    page.get_by_label("Type de contrôle").select_option(label=kind)
    page.get_by_label("Périodicité").fill(every)
    page.get_by_label("Unité").select_option(label=unit)
    page.get_by_label("Premier contrôle prévu le").fill(starts_on.isoformat())
    page.get_by_label("Réalisé par").fill("Cellule d'expertise du Grand Dole")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("Le plan de contrôle est enregistré.").wait_for()


def test_a_goal_is_inventoried_planned_inspected_and_its_register_downloaded(
    page, live_server, login_as, check_a11y, screenshot, tmp_path, bob, hugo, commune_a
):
    today = timezone.localdate()

    # 1. Bob, secretary of Jouhe, inventories the goal.
    login_as(page, bob)
    page.goto(live_server.url + reverse("facilities:facility_list"))
    page.get_by_role("heading", name="Équipements sportifs", level=1).wait_for()
    check_a11y(page)
    page.get_by_role("button", name="Inventorier un équipement").click()
    page.get_by_role("heading", name="Inventorier un équipement", level=1).wait_for()
    check_a11y(page)
    page.get_by_label("Type").select_option(label="But de football")
    page.get_by_label(re.compile("^Nom")).fill(NAME)
    page.get_by_label("Adresse ou lieu").fill("Stade municipal, rue du Stade, Jouhe")
    page.get_by_label("Fabricant").fill("Sports Équipement")
    page.get_by_label("Date d'installation").fill("2019-04-15")
    page.get_by_label("Norme").fill("NF EN 748")
    screenshot(page, "facilities-form")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("L'équipement est inventorié.").wait_for()
    facility = Facility.objects.get(name=NAME)

    # 2. He plans a weekly visual check (first one ten days ago: overdue) and the annual main one (in ten days).
    add_plan(page, check_a11y, "Contrôle visuel de routine", "7", "jours", today - timedelta(days=10))
    add_plan(page, check_a11y, "Contrôle principal annuel", "12", "mois", today + timedelta(days=10))
    check_a11y(page)

    # 3. Hugo, inspector of the expertise cell, records a major defect with a photo.
    page.context.clear_cookies()
    login_as(page, hugo)
    page.goto(live_server.url + reverse("facilities:facility_detail", args=[facility.pk]))
    page.get_by_role("button", name="Enregistrer un contrôle").click()
    page.get_by_role("heading", name=f"Contrôle – {NAME}", level=1).wait_for()
    check_a11y(page)
    page.get_by_label("Type de contrôle").select_option(label="Contrôle fonctionnel")
    page.get_by_label("Constats").fill("Contrepoids arrière absent : le but bascule sous une traction de 1100 N.")
    page.get_by_label("Défaut majeur : mis hors service").check()
    page.get_by_label("Actions à mener").fill("Interdire l'accès, reposer le contrepoids, recontrôler.")
    photo = tmp_path / "but.png"
    photo.write_bytes(PNG)
    page.get_by_label("Photos", exact=True).set_input_files(photo)
    page.get_by_label("Les personnes visibles sur les photos ont donné leur accord").check()
    screenshot(page, "facilities-inspection-form")
    page.get_by_role("button", name="Inscrire au registre").click()
    page.get_by_text("Le contrôle est inscrit au registre.").wait_for()
    check_a11y(page)
    facility.refresh_from_db()
    assert facility.status == FacilityStatus.OUT_OF_SERVICE
    page.get_by_role("link", name=NAME).click()
    expect(page.get_by_role("alert")).to_contain_text("Hors service")
    check_a11y(page)
    screenshot(page, "facilities-detail")

    # 4. The inspections to do: the overdue routine check, then the upcoming main one.
    page.goto(live_server.url + reverse("facilities:due_list"))
    page.get_by_role("heading", name="Contrôles à faire", level=1).wait_for()
    check_a11y(page)
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Contrôle visuel de routine")
    expect(rows.nth(0)).to_contain_text("en retard de 10 jours")
    expect(rows.nth(1)).to_contain_text("Contrôle principal annuel")
    expect(rows.nth(1)).to_contain_text("à venir")
    screenshot(page, "facilities-due")

    # 5. The register, as a PDF.
    page.goto(live_server.url + reverse("facilities:facility_detail", args=[facility.pk]))
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Registre (PDF)").click()
    pdf = tmp_path / "registre.pdf"
    download_info.value.save_as(pdf)
    for stale in ARTIFACTS.glob("facilities-register-*.png"):
        stale.unlink()
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(ARTIFACTS / "facilities-register")], check=True)
    text = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    assert NAME in text and "NF EN 748" in text
    assert "Contrepoids arrière absent" in text and "Défaut majeur" in text
    assert "Hugo Persona" in text

    # 6. The cell's dashboard.
    page.goto(live_server.url + reverse("facilities:dashboard"))
    page.get_by_role("heading", name="Équipements sportifs : tableau de bord", level=1).wait_for()
    check_a11y(page)
    screenshot(page, "facilities-dashboard")
