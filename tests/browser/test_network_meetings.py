"""The network's meetings, news and documents, clicked in Chromium: the coordination schedules an
information meeting for the secretaries with a seat limit; Jouhe's secretary registers herself; a
commune's news waits for the coordination's moderation, then appears unread on the home; the
library offers the latest version of a guide. axe-core runs on every page, at 1280 and 390 px."""

import pytest
from playwright.sync_api import expect

from mutualis.network import services
from mutualis.network.models import Body, Document, News, NewsStatus, Registration, SeatStatus
from mutualis.network.tests.factories import ProfileFactory, pdf_upload

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def network(territory_a, commune_a, bob, eve):
    Body.objects.create(territory=territory_a, name="Conférence des secrétaires de mairie")
    ProfileFactory(organisation=commune_a, user=bob, first_name="Bob", last_name="Persona",
                   job_title="Secrétaire de mairie")  # fmt: skip
    folder = services.folder_create(territory=territory_a, name="Guides", by=eve)
    services.document_add(document=Document(folder=folder, title="Guide des élections"),
                          upload=pdf_upload("guide.pdf"), by=eve)  # fmt: skip


def switch_to(page, login_as, user) -> None:
    page.context.clear_cookies()
    login_as(page, user)


def test_a_meeting_news_and_documents(page, login_as, check_a11y, screenshot, network, bob, charlie, eve):
    login_as(page, eve)
    page.goto("/reseau/reunions/")
    check_a11y(page)
    page.get_by_role("main").get_by_role("button", name="Programmer une réunion").click()
    page.get_by_label("Instance").select_option(label="Conférence des secrétaires de mairie")
    page.get_by_label("Type de réunion").select_option(label="Réunion d'information")
    page.get_by_label("Thème").fill("Dématérialisation des autorisations d'urbanisme")
    page.get_by_label("Date et heure").fill("2026-04-02T14:00")
    page.get_by_label("Lieu").fill("Salle du conseil communautaire")
    page.get_by_label("Places").fill("20")
    page.get_by_role("group", name="Rôles invités").get_by_label("Secrétaire de mairie").check()
    check_a11y(page)
    screenshot(page, "network-meeting-form")
    with page.expect_navigation():
        page.get_by_role("button", name="Programmer").click()
    expect(page.get_by_text("La réunion est programmée.")).to_be_visible()
    meeting_url = page.url

    switch_to(page, login_as, bob)
    page.goto(meeting_url)
    page.get_by_label("Agent").select_option(label="Bob Persona")
    with page.expect_navigation():
        page.get_by_role("button", name="Inscrire", exact=True).click()
    expect(page.get_by_text("Inscription enregistrée.")).to_be_visible()
    check_a11y(page)
    screenshot(page, "network-meeting")
    page.goto("/reseau/actualites/")
    page.get_by_role("main").get_by_role("button", name="Publier une actualité").click()
    page.get_by_label("Titre").fill("Jouhe prête sa salle des fêtes")
    page.get_by_label("Texte").fill("La salle des fêtes accueille les formations mutualisées.")
    check_a11y(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Publier").click()
    expect(page.get_by_text("L'actualité est transmise à la coordination")).to_be_visible()

    switch_to(page, login_as, eve)
    page.goto("/reseau/actualites/")
    check_a11y(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Publier « Jouhe prête sa salle des fêtes »").click()
    expect(page.get_by_text("L'actualité est publiée.")).to_be_visible()
    page.goto("/reseau/documents/")
    expect(page.get_by_role("link", name="Guide des élections", exact=True)).to_be_visible()
    check_a11y(page)
    screenshot(page, "network-library")

    switch_to(page, login_as, charlie)
    page.goto("/")
    expect(page.get_by_role("main")).to_contain_text("Jouhe prête sa salle des fêtes")
    page.goto("/reseau/actualites/")
    check_a11y(page)
    screenshot(page, "network-news")
    assert News.objects.get().status == NewsStatus.PUBLISHED
    assert Registration.objects.get().status == SeatStatus.REGISTERED
