"""A territorial questionnaire end to end, clicked in Chromium: the coordinator writes it, sends
it to the mayors of a sector, a mayor answers through her personal link without logging in (and
cannot answer twice), and the coordinator reads the results and exports them."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook
from playwright.sync_api import expect

from mutualis.surveys.models import Response
from mutualis.territory.models import Role
from mutualis.territory.tests.factories import MembershipFactory, OrganisationFactory, SectorFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def other_sector(territory_a):
    """A mayor of another sector, who must not receive the link."""
    south = SectorFactory(territory=territory_a, name="Secteur Sud")
    commune = OrganisationFactory(territory=territory_a, name="Damparis", sector=south)
    return MembershipFactory(organisation=commune, role=Role.ORG_MANAGER, user__email="dana@example.org")


def add_question(page, check_a11y, kind: str, text: str, choices: str = "", required: bool = True) -> None:
    page.get_by_role("button", name="Ajouter une question").click()
    page.get_by_role("heading", name="Ajouter une question", level=1).wait_for()
    check_a11y(page)
    page.get_by_label("Type de question").select_option(label=kind)
    page.get_by_label(re.compile("^Question")).fill(text)
    page.get_by_label("Réponse obligatoire").set_checked(required)
    if choices:
        page.get_by_label("Choix proposés").fill(choices)
    page.get_by_role("button", name="Enregistrer la question").click()
    page.get_by_text("La question est ajoutée.").wait_for()


def test_the_coordinator_consults_a_sectors_mayors_and_reads_the_results(
    page, live_server, login_as, check_a11y, screenshot, tmp_path, eve, alice, bob, charlie, sector_a, other_sector
):
    # 1. Eve writes the questionnaire: a single choice, a multiple choice, a scale and an optional text.
    login_as(page, eve)
    page.goto(reverse("surveys:survey_list"))
    page.get_by_role("heading", name="Questionnaires territoriaux", level=1).wait_for()
    check_a11y(page)
    page.get_by_role("button", name="Écrire un questionnaire").click()
    check_a11y(page)
    page.get_by_label("Titre").fill("Vos besoins de mutualisation")
    page.get_by_label("Introduction").fill("Le Grand Dole prépare son schéma : dites-nous vos besoins.")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_role("heading", name="Vos besoins de mutualisation", level=1).wait_for()
    check_a11y(page)
    add_question(page, check_a11y, "Choix unique", "Votre commune a-t-elle un agent technique ?", "Oui\nNon")
    add_question(page, check_a11y, "Choix multiples", "Quels besoins ?", "Matériel\nRemplacement\nAchats groupés")
    page.get_by_role("button", name="Ajouter une question").click()
    page.get_by_label("Type de question").select_option(label="Échelle")
    page.get_by_label(re.compile("^Question")).fill("Intérêt pour la mutualisation")
    page.get_by_label("Échelle : libellé du minimum").fill("Aucun")
    page.get_by_label("Échelle : libellé du maximum").fill("Très fort")
    screenshot(page, "surveys-question-form")
    page.get_by_role("button", name="Enregistrer la question").click()
    page.get_by_text("La question est ajoutée.").wait_for()
    add_question(page, check_a11y, "Texte libre", "Autre chose ?", required=False)
    expect(page.locator("ol.questions > li")).to_have_count(4)
    screenshot(page, "surveys-draft")
    page.get_by_role("button", name="Ouvrir aux réponses").click()
    page.get_by_text("Le questionnaire est ouvert").wait_for()
    check_a11y(page)

    # 2. She sends it to the mayors of the Secteur Nord, after a preview.
    page.get_by_role("button", name="Envoyer les liens").click()
    page.get_by_role("heading", name="Envoyer les liens", level=1).wait_for()
    check_a11y(page)
    page.get_by_label("Maire, président·e ou délégué·e").check()
    page.get_by_label("Secteur Nord").check()
    page.get_by_role("button", name="Voir les destinataires").click()
    expect(page.get_by_role("status").filter(has_text="critères")).to_contain_text(
        "2 personnes correspondent à ces critères, dont 2 à inviter"
    )
    check_a11y(page)
    screenshot(page, "surveys-send-preview")
    page.get_by_role("button", name="Envoyer les liens").click()
    page.get_by_text("2 liens envoyés.").wait_for()
    check_a11y(page)
    assert sorted(message.to[0] for message in mail.outbox) == ["alice@example.org", "charlie@example.org"]

    # 3. Alice answers through her personal link, without logging in; the scale is forgotten first.
    link = re.search(
        r"https?://\S+/questionnaires/repondre/\S+/", next(m for m in mail.outbox if m.to == [alice.email]).body
    )
    path = "/" + link.group(0).split("/", 3)[3]
    page.context.clear_cookies()
    page.goto(path)
    page.get_by_role("heading", name="Vos besoins de mutualisation", level=1).wait_for()
    check_a11y(page)
    page.get_by_role("group", name=re.compile("Votre commune a-t-elle")).get_by_label("Oui").check()
    needs = page.get_by_role("group", name=re.compile("Quels besoins"))
    needs.get_by_label("Matériel").check()
    needs.get_by_label("Achats groupés").check()
    page.get_by_role("button", name="Envoyer mes réponses").click()
    scale = page.get_by_role("group", name=re.compile("Intérêt pour la mutualisation"))
    expect(scale).to_contain_text("Ce champ est obligatoire")
    check_a11y(page)
    screenshot(page, "surveys-answer-error")
    scale.get_by_label("5 – Très fort").check()
    page.get_by_label("Autre chose ?").fill("Un broyeur de végétaux partagé")
    page.get_by_role("button", name="Envoyer mes réponses").click()
    page.get_by_text("Merci : vos réponses sont enregistrées.").wait_for()
    check_a11y(page)
    page.goto(path)
    page.get_by_text("Vous avez déjà répondu à ce questionnaire").wait_for()
    expect(page.get_by_role("button", name="Envoyer mes réponses")).to_have_count(0)
    check_a11y(page)
    assert Response.objects.count() == 1

    # 4. Eve reads the results and exports them.
    login_as(page, eve)
    page.goto(reverse("surveys:survey_list"))
    page.get_by_role("link", name="Vos besoins de mutualisation").click()
    page.get_by_role("link", name="Résultats").click()
    page.get_by_role("heading", name=re.compile("Résultats"), level=1).wait_for()
    expect(page.locator("dl.facts")).to_contain_text(re.compile(r"Taux de réponse\s*50,0 %"))
    expect(page.get_by_role("table", name="Répartition des réponses à la question 1")).to_contain_text("100,0 %")
    expect(page.locator("main")).to_contain_text("Un broyeur de végétaux partagé")
    check_a11y(page)
    screenshot(page, "surveys-results")
    with page.expect_download() as download_info:
        page.locator("p", has_text="une par une").get_by_role("link", name="XLSX").click()
    xlsx = tmp_path / "reponses.xlsx"
    download_info.value.save_as(xlsx)
    rows = list(load_workbook(xlsx).active.values)
    assert rows[0][3:] == ("Votre commune a-t-elle un agent technique ?", "Quels besoins ?",
                           "Intérêt pour la mutualisation", "Autre chose ?")  # fmt: skip
    assert rows[1][1] == "Jouhe"
    assert rows[1][3:] == ("Oui", "Matériel ; Achats groupés", "5", "Un broyeur de végétaux partagé")
