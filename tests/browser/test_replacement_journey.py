"""The replacement journey, clicked in Chromium: Jouhe's secretary asks for a replacement, the
service manager sees the ranked candidates and assigns the best one, the mise à disposition PDF
is checked as image and text, the agent's mission page says it cannot start before the
convention is signed, once signed she records her week, the mayor validates it, and the
charges appear on the mission and in the commune's monthly statement. The request started last
week so that a past week can be recorded."""

import csv
import io
import subprocess
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from mutualis.billing.models import Charge
from mutualis.replacement.models import Assignment, Request, RequestStatus
from mutualis.replacement.services import adhesion_create, monday_of
from mutualis.replacement.tests.factories import AgentFactory, TariffFactory, signed
from mutualis.territory.models import Role, Service
from mutualis.territory.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def service(territory_a, epci_a, commune_a, commune_b):
    """The tariff, Jouhe's adhesion (its convention signed), Rémy the manager, Nadia (état civil
    3/3, with a login) and Paul (halls only)."""
    TariffFactory(territory=territory_a, valid_from=timezone.localdate() - timedelta(days=400))
    signed(adhesion_create(organisation=commune_a, start=timezone.localdate() - timedelta(days=60)).convention)
    remy = UserFactory(email="remy@example.org", first_name="Rémy", last_name="Persona")
    MembershipFactory(user=remy, organisation=epci_a, role=Role.SERVICE_MANAGER, service=Service.REPLACEMENT)
    nadia = UserFactory(email="nadia@example.org", first_name="Nadia", last_name="Persona")
    MembershipFactory(user=nadia, organisation=epci_a, role=Role.AGENT)
    agent = AgentFactory(home=commune_b, name="Nadia Lambert", user=nadia)
    agent.skills.create(skill="civil_status", level=3)
    AgentFactory(home=commune_b, name="Paul Roussel").skills.create(skill="hall_upkeep", level=3)
    return remy, nadia


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def switch_to(page, login_as, user) -> None:
    page.context.clear_cookies()
    login_as(page, user)


def visit(page, check_a11y, screenshot, url: str, heading: str, name: str) -> None:
    page.goto(url)
    page.get_by_role("heading", name=heading, level=1).wait_for()
    check_a11y(page)
    screenshot(page, name)


def test_a_commune_gets_a_replacement_agent_and_is_billed_for_her_validated_hours(
    page, live_server, login_as, check_a11y, screenshot, tmp_path, alice, bob, service
):
    remy, nadia = service
    start = monday_of(timezone.localdate()) - timedelta(days=7)

    # 1. Bob, secretary of Jouhe, asks for a replacement: sick leave, Monday and Tuesday, 14 h a week.
    login_as(page, bob)
    visit(page, check_a11y, screenshot, reverse("replacement:request_create"), "Demander un remplacement",
          "replacement-request-form")  # fmt: skip
    page.get_by_label("Motif").select_option(label="Arrêt maladie")
    page.get_by_label("Premier jour").fill(start.isoformat())
    page.get_by_label("Dernier jour").fill((start + timedelta(days=27)).isoformat())
    page.get_by_label("lundi").check()
    page.get_by_label("mardi").check()
    page.get_by_label("Heures par semaine").fill("14")
    page.get_by_label("État civil").check()
    page.get_by_label("Urgence").select_option(label="Urgente")
    page.get_by_label("Précisions").fill("Mairie ouverte lundi et mardi ; logiciel d'état civil Berger-Levrault.")
    page.get_by_role("button", name="Envoyer la demande").click()
    page.get_by_text("Votre demande est transmise au service de remplacement.").wait_for()
    expect(page.locator("h1 .badge")).to_have_text("Reçue")
    check_a11y(page)
    request = Request.objects.get()

    # 2. Rémy sees the ranked candidates with their reasons and assigns the first.
    switch_to(page, login_as, remy)
    visit(page, check_a11y, screenshot, reverse("replacement:request_list"), "Service de remplacement",
          "replacement-queue")  # fmt: skip
    page.get_by_role("link", name="Jouhe").click()
    page.get_by_role("heading", name="Candidats classés").wait_for()
    check_a11y(page)
    candidates = page.locator("ol.candidates > li")
    expect(candidates.nth(0)).to_contain_text("Nadia Lambert")
    expect(candidates.nth(0)).to_contain_text("Compétences : État civil niveau 3/3")
    expect(candidates.nth(1)).to_contain_text("Paul Roussel")
    expect(candidates.nth(1)).to_contain_text("État civil absente")
    screenshot(page, "replacement-candidates")
    page.get_by_label("Agent").select_option(label="Nadia Lambert")
    page.get_by_role("button", name="Affecter").click()
    page.get_by_text("L'agent est affecté ; la convention de mise à disposition est prête.").wait_for()
    check_a11y(page)
    assignment = Assignment.objects.get()
    request.refresh_from_db()
    assert request.status == RequestStatus.ASSIGNED
    assert (assignment.start, assignment.end) == (request.start, request.end)

    # 3. The mise à disposition convention, as PDF: one page image at least, and its text.
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Télécharger la convention (PDF)").click()
    pdf = tmp_path / "convention.pdf"
    download_info.value.save_as(pdf)
    for stale in ARTIFACTS.glob("replacement-convention-pdf-*.png"):
        stale.unlink()
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(ARTIFACTS / "replacement-convention-pdf")],
                   check=True)  # fmt: skip
    assert list(ARTIFACTS.glob("replacement-convention-pdf-*.png")), "pdftoppm made no page"
    text = " ".join(pdf_text(pdf).split())
    assert "Nadia Lambert" in text and "Jouhe" in text and "Agglo A" in text
    assert "84-53" in text and "14 heures par semaine (lundi, mardi)" in text

    # 4. Nadia's mission cannot start before its convention is signed: her page says so. Once the
    # parties have signed it, she records last week's hours and kilometres.
    switch_to(page, login_as, nadia)
    visit(page, check_a11y, screenshot, reverse("replacement:assignment_list"), "Missions de remplacement",
          "replacement-agent-missions")  # fmt: skip
    page.get_by_role("link", name="Nadia Lambert").click()
    page.get_by_role("heading", name="Saisir les heures d'une semaine").wait_for()
    expect(page.get_by_text("pas de début d'une mission de remplacement avant")).to_be_visible()
    check_a11y(page)
    screenshot(page, "replacement-mission-awaiting-signature")
    signed(assignment.convention)
    page.reload()
    page.get_by_role("heading", name="Saisir les heures d'une semaine").wait_for()
    expect(page.get_by_text("pas de début d'une mission de remplacement avant")).to_have_count(0)
    page.get_by_label("Semaine du (lundi)").fill(start.isoformat())
    page.get_by_label("Heures travaillées").fill("14")
    page.get_by_label("Kilomètres parcourus").fill("36")
    page.get_by_role("button", name="Transmettre les heures").click()
    page.get_by_text("Les heures de la semaine sont transmises à l'organisation.").wait_for()
    check_a11y(page)
    request.refresh_from_db()
    assert request.status == RequestStatus.IN_PROGRESS

    # 5. Alice, mayor of Jouhe, validates the week: it is locked and billed.
    switch_to(page, login_as, alice)
    visit(page, check_a11y, screenshot, reverse("replacement:assignment_detail", args=[assignment.pk]),
          "Mission de Nadia Lambert à Jouhe", "replacement-mission-to-validate")  # fmt: skip
    page.get_by_role("button", name=f"Valider la semaine du {start:%d/%m/%Y}").click()
    page.get_by_text("La semaine est validée et facturée.").wait_for()
    expect(page.get_by_role("region", name="Heures par semaine")).to_contain_text("Validée, verrouillée")
    charges = page.get_by_role("region", name="Facturation")
    expect(charges).to_contain_text("heures")
    expect(charges).to_contain_text("déplacements")
    check_a11y(page)
    screenshot(page, "replacement-mission-billed")
    assert Charge.objects.aggregate(total=Sum("amount"))["total"] == Decimal("362.60")  # 14 × 25 + 36 × 0.35

    # 6. Her monthly statement of replacement charges, on screen and as CSV.
    page.get_by_role("link", name="Relevé mensuel de l'organisation").click()
    month = Charge.objects.order_by("date").first().date
    page.get_by_label("Mois").fill(f"{month:%Y-%m}")
    page.get_by_role("button", name="Afficher").click()
    page.get_by_role("heading", name="Relevé de Jouhe", exact=False, level=1).wait_for()
    check_a11y(page)
    screenshot(page, "replacement-statement")
    in_month = Charge.objects.filter(date__year=month.year, date__month=month.month)
    total = f"{in_month.aggregate(total=Sum('amount'))['total']:.2f}".replace(".", ",")
    expect(page.locator("tfoot")).to_contain_text(total)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    rows = list(csv.reader(io.StringIO(Path(download_info.value.path()).read_text("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Date du service"
    assert len(rows) - 1 == in_month.count()
