import csv
import io
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from mutualis.territory.models import Membership

pytestmark = pytest.mark.browser


def test_coordinator_filters_searches_and_exports_organisations(
    page, live_server, login_as, check_a11y, screenshot, eve, commune_a, commune_b, epci_a
):
    login_as(page, eve)
    page.get_by_role("link", name="Organisations", exact=True).first.click()
    page.wait_for_url("**/territoire/organisations/")
    check_a11y(page)
    screenshot(page, "organisation-list")

    page.get_by_label("Rechercher (nom, code INSEE, SIREN)").fill("foucherans")
    page.get_by_role("button", name="Filtrer").click()
    page.locator("#results tbody", has_text="Foucherans").wait_for()
    expect(page.locator("#results tbody tr")).to_have_count(1)

    page.get_by_label("Rechercher (nom, code INSEE, SIREN)").fill("")
    page.get_by_label("Type").select_option(label="EPCI")
    page.get_by_role("button", name="Filtrer").click()
    page.locator("#results tbody", has_text="Agglo A").wait_for()
    assert page.locator("#results tbody tr").count() == 1

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    content = download_info.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert rows[0][0] == "Nom"
    assert [row[0] for row in rows[1:]] == ["Agglo A"]


def test_invited_person_sets_a_password_then_logs_in(
    page, live_server, login_as, check_a11y, screenshot, eve, commune_a
):
    login_as(page, eve)
    page.goto(f"{live_server.url}/territoire/organisations/{commune_a.pk}/")
    page.get_by_role("button", name="Inviter une personne").click()
    check_a11y(page)
    page.get_by_label("Adresse électronique").fill("nina@example.org")
    page.get_by_label("Prénom").fill("Nina")
    page.locator("#id_last_name").fill("Nouvelle")
    page.get_by_label("Rôle").select_option(label="Secrétaire de mairie")
    page.get_by_role("button", name="Envoyer l'invitation").click()
    page.get_by_text("Invitation envoyée à nina@example.org").wait_for()
    assert "Nina Nouvelle" in page.content()
    assert Membership.objects.filter(user__email="nina@example.org", organisation=commune_a).exists()

    link = re.search(r"https?://\S+/comptes/invitation/\S+", mail.outbox[-1].body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    page.context.clear_cookies()
    page.goto(live_server.url + path)
    check_a11y(page)
    screenshot(page, "set-password")
    page.locator("#id_new_password1").fill("un mot de passe sûr")
    page.locator("#id_new_password2").fill("un mot de passe sûr")
    page.get_by_role("button", name="Enregistrer le mot de passe").click()
    page.get_by_role("heading", name="Mot de passe enregistré").wait_for()
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_label("Adresse électronique").fill("nina@example.org")
    page.get_by_label("Mot de passe").fill("un mot de passe sûr")
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("heading", name="Accueil").wait_for()
    page.get_by_role("main").get_by_role("link", name="Jouhe", exact=True).click()
    page.get_by_role("heading", name="Jouhe").wait_for()
    check_a11y(page)

    page.goto(live_server.url + path)
    assert "n'est plus valable" in page.content()
