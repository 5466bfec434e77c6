"""The coordinator's year on the schéma, clicked in Chromium: eve sees who took part, enters
an indicator value, has the technical committee's adjustment accepted by the Bureau, writes her
text and generates the annual report (PDF read back, ODT downloaded). axe-core on every page."""

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from mutualis.steering.models import IndicatorDefinition, ManualValue, Milestone
from mutualis.steering.tests.factories import ActionFactory, AdhesionFactory, MilestoneFactory, SchemeFactory
from mutualis.territory.models import Service

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def action(territory_a, commune_a):
    """Action 2 steers the network service, to which Jouhe adheres since 15 January."""
    scheme = SchemeFactory(territory=territory_a)
    action = ActionFactory(scheme=scheme, number=2, launched_on=date(2021, 10, 1), service=Service.NETWORK,
                           title="Créer et développer un réseau d'échanges entre les agents territoriaux")  # fmt: skip
    AdhesionFactory(organisation=commune_a, service=Service.NETWORK,
                    start=date(timezone.localdate().year, 1, 15))  # fmt: skip
    MilestoneFactory(action=action, title="Élaboration d'un plan de formation mutualisé", due_kind="year",
                     due_start=date(2023, 1, 1), due_end=date(2024, 1, 1))  # fmt: skip
    IndicatorDefinition.objects.create(action=action, label="Agents formés", unit="agents")
    IndicatorDefinition.objects.create(
        action=action, label="Prêts de matériel", registry_key="equipment.loans_completed"
    )
    return action


def test_the_coordinators_year(
    page, live_server, login_as, check_a11y, screenshot, settings, tmp_path, eve, commune_a, action
):
    settings.PDF_BACKGROUND_AFTER_SECONDS = 0
    settings.MEDIA_ROOT = tmp_path / "media"
    year = timezone.localdate().year
    page.set_default_timeout(30_000)  # pages of a loaded CI machine
    login_as(page, eve)

    # 1. The schéma's dashboard: lights, timeline, participation by sector.
    page.goto(reverse("steering:scheme_list"))
    check_a11y(page)
    page.get_by_role("link", name=re.compile("Schéma de mutualisation des services 2021-2026")).click()
    page.get_by_role("heading", name="Calendrier des échéances").wait_for()
    expect(page.locator("table.timeline")).to_contain_text("En retard")
    check_a11y(page)
    screenshot(page, "steering-dashboard")

    # 2. Who took part this year, computed from the adhesions and the use of the network service.
    page.get_by_role("link", name=re.compile("^2\\. Créer et développer")).first.click()
    page.get_by_role("heading", name=re.compile("^2\\. Créer"), level=1).wait_for()
    page.get_by_role("heading", name=f"Participants en {year}").wait_for()
    expect(page.locator("tr", has_text="Jouhe")).to_contain_text("Adhésion")
    check_a11y(page)

    # 3. A value entered by hand for the year, with its source.
    page.goto(reverse("steering:action_detail", args=[action.pk]))
    page.get_by_role("link", name="Agents formés").click()
    page.get_by_role("heading", name="Agents formés", level=1).wait_for()
    check_a11y(page)
    target = page.locator("form", has=page.get_by_role("heading", name="Fixer un objectif"))
    target.get_by_label("Année").select_option(str(year))
    target.get_by_label("Objectif").fill("40")
    target.get_by_role("button", name="Enregistrer l'objectif").click()
    page.get_by_text("La valeur est enregistrée.").wait_for()
    value = page.locator("form", has=page.get_by_role("heading", name="Saisir une valeur"))
    value.get_by_label("Année").select_option(str(year))
    value.get_by_label("Valeur").fill("30")
    value.get_by_label("Source").fill("Feuilles d'émargement du CNFPT")
    value.get_by_role("button", name="Enregistrer la valeur").click()
    page.get_by_text("La valeur est enregistrée.").wait_for()
    check_a11y(page)
    assert ManualValue.objects.get().value == 30
    page.goto(reverse("steering:action_detail", args=[action.pk]) + f"?year={year}")
    expect(page.locator("tr", has_text="Agents formés")).to_contain_text("75")
    screenshot(page, "steering-action")

    # 4. The technical committee proposes to move the late milestone; the Bureau accepts.
    page.get_by_role("link", name="Proposer un ajustement").click()
    page.get_by_role("heading", name="Proposer un ajustement", level=1).wait_for()
    check_a11y(page)
    page.get_by_label("Nature de l'ajustement").select_option(label="Calendrier de mise en œuvre")
    page.get_by_label("Proposition du comité technique").fill("Reporter le plan de formation après le recensement.")
    page.get_by_label("Proposé le").fill(f"{year}-03-02")
    page.get_by_label("Changer l'échéance").check()
    page.get_by_label("Nouvelle échéance").fill(f"T4 {year}")
    screenshot(page, "steering-adjustment-form")
    page.get_by_role("button", name="Enregistrer la proposition").click()
    page.get_by_text("La proposition d'ajustement est enregistrée.").wait_for()
    check_a11y(page)
    page.get_by_role("button", name="Enregistrer la décision du Bureau").click()
    page.get_by_role("heading", name="Décision du Bureau", level=1).wait_for()
    check_a11y(page)
    page.get_by_label("Date de la décision du Bureau").fill(f"{year}-04-06")
    page.get_by_label("Sens de la décision").select_option(label="Accepté")
    page.get_by_label("Référence de la décision").fill(f"B-{year}-12")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("La décision du Bureau est enregistrée.").wait_for()
    expect(page.locator("dl")).to_contain_text("Accepté par le Bureau")
    page.get_by_role("link", name="Élaboration d'un plan de formation mutualisé").click()
    expect(page.locator("dl")).to_contain_text(f"4e trimestre {year}")
    expect(page.locator("main")).to_contain_text("01/01/2023")
    check_a11y(page)
    screenshot(page, "steering-milestone-history")
    assert Milestone.objects.get().due_start == date(year, 10, 1)

    # 5. Her text on the action, then the year's report in PDF and ODT.
    page.goto(reverse("steering:scheme_detail", args=[action.scheme_id]))
    page.get_by_role("button", name="Bilan d'avancement annuel").click()
    page.get_by_role("heading", name=f"Bilan d'avancement {year}", level=1).wait_for()
    check_a11y(page)
    page.get_by_label(re.compile("^2\\. Créer")).fill("Le réseau compte désormais un référent par secteur.")
    page.get_by_role("button", name="Enregistrer les commentaires").click()
    page.get_by_text("Les commentaires sont enregistrés.").wait_for()
    check_a11y(page)
    screenshot(page, "steering-report-prepare")
    # The bilan laid out in the background: a page follows its progress until the download.
    page.get_by_role("button", name=f"Bilan {year} en PDF").click()
    page.get_by_role("heading", name=f"Bilan d'avancement {year} en PDF", level=1).wait_for()
    check_a11y(page)
    screenshot(page, "steering-report-waiting")
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger le PDF").click()
    pdf = tmp_path / "bilan.pdf"
    download.value.save_as(pdf)
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(ARTIFACTS / "steering-report")],
                   check=True)  # fmt: skip
    text = " ".join(
        subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert f"En {year}, 1 commune a pris part à l'action." in text
    assert "Le réseau compte désormais un référent par secteur." in text
    assert "Agents formés 40 30 75" in text
    page.go_back()
    with page.expect_download() as download:
        page.get_by_role("button", name=f"Bilan {year} modifiable (ODT)").click()
    assert download.value.suggested_filename == f"bilan-schema-{year}.odt"
