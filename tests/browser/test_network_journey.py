"""The agents' network, clicked in Chromium: Jouhe's secretary declares her agents (one with a photo
and the consent's date) and answers the training census; the coordination consolidates the needs,
writes the plan and schedules an SST session; two communes register agents until the waiting list
starts; the attendance gives the SST certificates; the recycling reminder reaches the commune, in
its notifications and by email. axe-core runs on every page, at 1280 and 390 px."""

import re
from datetime import timedelta
from io import BytesIO

import pytest
from django.core import mail
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from mutualis.network import services
from mutualis.network.models import Certificate, SeatStatus
from mutualis.network.tests.factories import ProfileFactory

pytestmark = pytest.mark.browser
SAFETY = "Hygiène, santé et sécurité au travail"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def foucherans_agents(commune_b):
    return [ProfileFactory(organisation=commune_b, first_name=name, last_name="Roussel") for name in ("Léa", "Tom")]


def labelled(page, label: str):
    """The field whose label is exactly `label` (a required field's label ends with an asterisk)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$"))


def switch_to(page, login_as, user) -> None:
    page.context.clear_cookies()
    login_as(page, user)


def portrait(tmp_path):
    path = tmp_path / "portrait.jpg"
    stream = BytesIO()
    Image.new("RGB", (60, 80), (150, 110, 80)).save(stream, "JPEG")
    path.write_bytes(stream.getvalue())
    return path


def declare(page, first_name: str, last_name: str, photo=None) -> None:
    page.goto("/reseau/")
    page.get_by_role("main").get_by_role("button", name="Ajouter un agent").click()
    page.get_by_label("Prénom").fill(first_name)
    labelled(page, "Nom").fill(last_name)
    page.get_by_label("Fonction").fill("Agent technique polyvalent")
    page.get_by_label("Filière").select_option(label="Technique")
    if photo:
        labelled(page, "Photo").set_input_files(photo)
        page.get_by_label("Consentement à la photo recueilli le").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_role("heading", name=f"{first_name} {last_name}", level=1).wait_for()


def test_agents_are_declared_trained_certified_and_reminded(
    page, login_as, check_a11y, screenshot, tmp_path, bob, charlie, eve, foucherans_agents
):
    today = timezone.localdate()
    # 0. The coordination opens this year's census of training needs.
    login_as(page, eve)
    page.goto("/reseau/recensements/")
    check_a11y(page)
    page.get_by_label("Réponses attendues avant le").fill((today + timedelta(days=60)).isoformat())
    page.get_by_role("button", name="Ouvrir le recensement").click()
    expect(page.get_by_text("Le recensement est ouvert")).to_be_visible()

    # 1. Bob, Jouhe's secretary, declares two agents, one with a photo, and answers the census.
    switch_to(page, login_as, bob)
    declare(page, "Paul", "Vernier", photo=portrait(tmp_path))
    expect(page.get_by_role("img", name="Photo de Paul Vernier")).to_be_visible()
    check_a11y(page)
    screenshot(page, "network-profile")
    page.get_by_role("button", name="Modifier la fiche").click()
    check_a11y(page)
    screenshot(page, "network-profile-form")
    declare(page, "Marc", "Jobard")
    page.goto("/reseau/?q=vernier")
    expect(page.get_by_role("main")).to_contain_text("Paul Vernier")
    check_a11y(page)
    screenshot(page, "network-directory")
    page.goto("/reseau/recensements/")
    page.get_by_role("link", name=f"Répondre pour {today.year}").click()
    page.get_by_label(SAFETY, exact=True).fill("2")
    check_a11y(page)
    screenshot(page, "network-census-answer")
    page.get_by_role("button", name="Envoyer la réponse").click()
    expect(page.get_by_text("Réponse enregistrée : 2 besoins d'agents.")).to_be_visible()

    # 2. The coordination consolidates, writes the plan and schedules an SST session of three seats.
    switch_to(page, login_as, eve)
    page.goto("/reseau/recensements/")
    page.get_by_role("link", name=f"Synthèse {today.year}").click()
    expect(page.get_by_role("table", name="Besoins par thème")).to_contain_text(SAFETY)
    check_a11y(page)
    screenshot(page, "network-consolidation")
    page.get_by_role("button", name="Écrire le plan de formation").click()
    page.get_by_role("main").get_by_role("button", name="Nouveau plan").click()
    page.get_by_label("Intitulé").fill("Plan de formation mutualisé")
    labelled(page, "De").fill(str(today.year))
    labelled(page, "À").fill(str(today.year + 2))
    check_a11y(page)
    page.get_by_role("button", name="Créer le plan").click()
    page.get_by_role("heading", name="Plan de formation mutualisé", level=1).wait_for()
    page.get_by_label("Thème").select_option(label=SAFETY)
    labelled(page, "Formation").fill("Sauveteur secouriste du travail")
    labelled(page, "Organisme").select_option(label="Organisme privé")
    page.get_by_label("Agents visés").fill("10")
    page.get_by_label("Budget (€)").fill("1200")
    page.get_by_label("Certificat délivré").select_option(label="Sauveteur secouriste du travail (SST)")
    check_a11y(page)
    screenshot(page, "network-plan")
    page.get_by_role("button", name="Inscrire au plan").click()
    expect(page.get_by_text("La formation est inscrite au plan.")).to_be_visible()
    page.get_by_role("link", name="programmer une session").click()
    day = today.isoformat()  # the attendance is recorded on the day
    labelled(page, "Du").fill(day)
    labelled(page, "Au").fill(day)
    page.get_by_label("Lieu").fill("Salle des fêtes de Jouhe")
    page.get_by_label("Places").fill("3")
    page.get_by_label("Coût de la session (€)").fill("900")
    check_a11y(page)
    page.get_by_role("button", name="Programmer").click()
    expect(page.get_by_text("La session est programmée")).to_be_visible()
    page.wait_for_load_state()
    session_url = page.url

    # 3. Two communes register agents until the waiting list starts.
    for user, agents in ((bob, ["Paul Vernier", "Marc Jobard"]), (charlie, ["Léa Roussel", "Tom Roussel"])):
        switch_to(page, login_as, user)
        page.goto(session_url)
        for agent in agents:
            labelled(page, "Agent").select_option(label=agent)
            with page.expect_navigation():
                page.get_by_role("button", name="Inscrire", exact=True).click()
    expect(page.get_by_text("La session est complète : l'agent est sur la liste d'attente.")).to_be_visible()
    expect(page.get_by_role("table", name="Agents inscrits et en attente")).to_contain_text("Liste d'attente")
    check_a11y(page)
    screenshot(page, "network-session")

    # 4. The coordination records the attendance: the SST certificates are issued.
    switch_to(page, login_as, eve)
    page.goto(session_url)
    page.get_by_role("button", name="Enregistrer les présences").click()
    check_a11y(page)
    page.get_by_role("button", name="Enregistrer les présences").click()
    expect(page.get_by_text("les certificats sont délivrés")).to_be_visible()
    page.wait_for_load_state()
    assert Certificate.objects.count() == 3
    page.goto("/reseau/certificats/")
    expect(page.get_by_role("table", name="Agents SST valides par organisation")).to_contain_text("Jouhe")
    check_a11y(page)
    screenshot(page, "network-certificates")

    # 5. Two years on, the nightly job reminds Jouhe to send Paul to a recycling session.
    paul = Certificate.objects.get(profile__last_name="Vernier")
    services.recycling_reminders_send(today=paul.valid_until - timedelta(days=60))
    assert any("Paul Vernier" in message.subject and bob.email in message.to for message in mail.outbox)
    switch_to(page, login_as, bob)
    page.goto("/notifications/")
    expect(page.get_by_role("main")).to_contain_text("recyclage à prévoir pour Paul Vernier")
    check_a11y(page)
    # Tom stayed on the waiting list: no seat, no certificate.
    assert paul.session.seats_taken.get(status=SeatStatus.WAITING).profile.first_name == "Tom"
    assert not Certificate.objects.filter(profile__first_name="Tom").exists()
