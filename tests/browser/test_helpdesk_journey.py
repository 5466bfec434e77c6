"""The expertise desk's journey, clicked in Chromium: a secretary asks, sees a suggested article
and sends her question anyway; the desk's manager answers, records billable time and resolves;
the mayor rates the answer; the coordinator turns it into an anonymised article, which another
commune then finds in the knowledge base. axe-core runs on every page."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from playwright.sync_api import expect

from mutualis.billing.models import Charge
from mutualis.helpdesk.models import Article, HourlyRate, Request, Status
from mutualis.helpdesk.tests.factories import ArticleFactory
from mutualis.territory.models import Role, Service
from mutualis.territory.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.browser

SUBJECT = "Publicité d'un marché de travaux à Jouhe"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def xavier(epci_a):
    user = UserFactory(email="xavier@example.org", first_name="Xavier", last_name="Persona")
    MembershipFactory(user=user, organisation=epci_a, role=Role.SERVICE_MANAGER, service=Service.HELPDESK)
    return user


@pytest.fixture
def desk(territory_a):
    HourlyRate.objects.create(territory=territory_a, valid_from=date(2020, 1, 1), rate=Decimal("60.00"))
    ArticleFactory(
        territory=territory_a, topic="public_procurement", title="Seuils de publicité des marchés publics",
        body="En dessous de 40 000 € HT, aucune publicité n'est obligatoire.",
    )  # fmt: skip


def switch_to(page, login_as, user) -> None:
    page.context.clear_cookies()
    login_as(page, user)


def open_request(page) -> None:
    page.goto("/expertise/")
    page.get_by_role("link", name=SUBJECT).click()
    page.get_by_role("heading", name=SUBJECT, level=1).wait_for()


def test_a_question_is_answered_rated_and_shared_in_the_knowledge_base(
    page, login_as, check_a11y, screenshot, tmp_path, desk, bob, alice, charlie, eve, xavier
):
    # 1. Bob, secretary of Jouhe, asks; while he types, the knowledge base suggests an article.
    login_as(page, bob)
    page.goto("/expertise/")
    page.get_by_role("heading", name="Sollicitations", level=1).wait_for()
    check_a11y(page)
    page.get_by_role("link", name="Poser une question").click()
    page.get_by_role("heading", name="Poser une question à la cellule d'expertise", level=1).wait_for()
    check_a11y(page)
    page.get_by_label("Thème").select_option(label="Commande publique")
    page.get_by_label("Objet").press_sequentially(SUBJECT)
    suggestions = page.locator("#suggestions")
    expect(suggestions.get_by_role("link", name="Seuils de publicité des marchés publics")).to_be_visible()
    page.get_by_label("Votre question").fill(
        "Bob Persona, secrétaire de mairie. Notre maire Alice Persona souhaite refaire la rue de l'Église "
        "pour 55 000 € HT : quelle publicité faut-il faire ?"
    )
    page.get_by_label("Réponse souhaitée pour le").fill("2099-01-15")
    estimate = tmp_path / "devis.pdf"
    estimate.write_bytes(b"%PDF-1.4 devis")
    page.get_by_label("Pièces jointes").set_input_files(estimate)
    check_a11y(page)
    screenshot(page, "helpdesk-ask")
    page.get_by_role("button", name="Envoyer la question").click()
    page.get_by_text("Votre question est transmise au service chargé de ce thème.").wait_for()
    expect(page.locator("h1 .badge")).to_have_text("Nouvelle")
    expect(page.get_by_role("link", name="devis.pdf")).to_be_visible()
    check_a11y(page)
    request = Request.objects.get()
    assert mail.outbox[-1].to == ["xavier@example.org"]

    # 2. Xavier, the desk's manager, answers, records an hour and a half of billable time, and resolves.
    switch_to(page, login_as, xavier)
    open_request(page)
    check_a11y(page)
    page.get_by_label("Votre message").fill(
        "Au-delà de 40 000 € HT et sous 100 000 € HT, une publicité adaptée suffit : profil d'acheteur."
    )
    page.get_by_role("button", name="Envoyer le message").click()
    page.get_by_text("Votre message est envoyé.").wait_for()
    expect(page.locator("h1 .badge")).to_have_text("En cours")
    assert mail.outbox[-1].to == ["bob@example.org"]
    page.get_by_label("Durée (minutes)").fill("90")
    page.get_by_label("Travail effectué").fill("Analyse du devis et des seuils")
    page.get_by_role("button", name="Enregistrer le temps").click()
    page.get_by_text("Le temps passé est enregistré.").wait_for()
    check_a11y(page)
    screenshot(page, "helpdesk-expert")
    page.get_by_role("button", name="Marquer comme répondue").click()
    expect(page.locator("h1 .badge")).to_have_text("Répondue")
    assert Charge.objects.get(organisation=request.organisation).amount == Decimal("90.00")

    # 3. Alice, mayor of Jouhe, rates the answer.
    switch_to(page, login_as, alice)
    open_request(page)
    check_a11y(page)
    page.get_by_label("5", exact=True).check()
    page.get_by_label("Commentaire").fill("Clair et rapide.")
    screenshot(page, "helpdesk-rating")
    page.get_by_role("button", name="Envoyer la note").click()
    page.get_by_text("Merci pour votre avis.").wait_for()
    expect(page.locator("h1 .badge")).to_have_text("Clôturée")
    check_a11y(page)

    # 4. Eve, the coordinator, turns the answer into an article without the names, and publishes it.
    switch_to(page, login_as, eve)
    open_request(page)
    page.get_by_role("button", name="En faire un article de la base de connaissances").click()
    page.get_by_role("heading", name="Modifier l'article", level=1).wait_for()
    check_a11y(page)
    body = page.get_by_label("Réponse")
    expect(body).not_to_contain_text("Jouhe")
    expect(body).not_to_contain_text("Persona")
    page.get_by_label("Titre").fill("Publicité d'un marché de travaux entre 40 000 et 100 000 € HT")
    screenshot(page, "helpdesk-article-edit")
    page.get_by_role("button", name="Publier").click()
    page.get_by_text("L'article est publié pour toutes les organisations du territoire.").wait_for()
    check_a11y(page)

    # 5. Charlie, mayor of Foucherans, does not see Jouhe's request but finds the article.
    switch_to(page, login_as, charlie)
    page.goto("/expertise/")
    # "0 sollicitation" under the French plural rule, "0 sollicitations" before the catalogue has it.
    expect(page.locator("#results [role=status]")).to_have_text(re.compile(r"^0 sollicitations?$"))
    page.get_by_role("link", name="Base de connaissances").click()
    page.get_by_role("heading", name="Base de connaissances", level=1).wait_for()
    page.get_by_label("Rechercher").fill("marche travaux 100 000")
    page.get_by_role("button", name="Rechercher").click()
    results = page.locator("#results .article-list")
    expect(results.get_by_role("link").first).to_have_text(
        "Publicité d'un marché de travaux entre 40 000 et 100 000 € HT"
    )
    check_a11y(page)
    screenshot(page, "helpdesk-knowledge-base")
    results.get_by_role("link").first.click()
    page.get_by_role("heading", name="Publicité d'un marché de travaux entre 40 000 et 100 000 € HT").wait_for()
    check_a11y(page)
    assert Article.objects.get(request=request).is_published
    assert Request.objects.get().status == Status.CLOSED
