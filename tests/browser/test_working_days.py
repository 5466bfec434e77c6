"""The coordination finds the territory's public holidays from its home, closes the offices on
the Ascension bridge day, and a question asked before it is due after it."""

from datetime import date

import pytest

from mutualis.helpdesk.models import Topic
from mutualis.helpdesk.services import request_create

pytestmark = pytest.mark.browser


def test_the_coordination_closes_the_offices_on_a_bridge_day(
    page, login_as, check_a11y, screenshot, eve, bob, commune_a, commune_b, frozen_clock
):
    frozen_clock.move_to(date(2026, 5, 12))
    login_as(page, eve)
    page.get_by_role("link", name="Jours fériés et fermetures").click()
    page.get_by_role("heading", name="Jours fériés et fermetures, 2026").wait_for()
    page.get_by_role("cell", name="Ascension").wait_for()
    page.locator("#id_day").fill("2026-05-15")  # the date input (its label is « Jour »)
    page.get_by_label("Motif").fill("Pont de l'Ascension")
    page.get_by_role("button", name="Ajouter").click()
    page.get_by_text("Le 15/05/2026 est un jour de fermeture.").wait_for()
    page.get_by_text("vendredi 15 mai 2026 : Pont de l'Ascension").wait_for()
    check_a11y(page)
    screenshot(page, "working-days")

    question = request_create(
        organisation=commune_a, topic=Topic.LEGAL, subject="Délibération", question="Quorum ?", by=bob
    )
    assert question.first_response_due == date(2026, 5, 18)

    page.get_by_label("Jours fériés", exact=True).select_option(label="Moselle")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("Les jours fériés du territoire sont enregistrés.").wait_for()
    page.get_by_role("cell", name="Vendredi saint").wait_for()
    page.get_by_role("button", name="Retirer le 15 mai").click()
    page.get_by_text("Aucun jour de fermeture cette année.").wait_for()
