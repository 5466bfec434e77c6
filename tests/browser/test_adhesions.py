import pytest
from django.urls import reverse

from mutualis.agreements.models import Adhesion

pytestmark = pytest.mark.browser

# The services' real terms: the replacement service joins with its own convention; no schéma is
# launched in these tests, so withdrawing is free.


def test_the_mayor_asks_to_adhere_sees_it_in_the_list_and_withdraws(
    page, live_server, login_as, check_a11y, screenshot, alice, commune_a, epci_a
):
    login_as(page, alice)
    menu = page.get_by_role("navigation", name="Navigation principale")
    menu.get_by_role("link", name="Adhésions").click()
    page.get_by_role("heading", name="Adhésions aux services", level=1).wait_for()
    page.get_by_text("0 adhésion").wait_for()
    check_a11y(page)

    page.get_by_role("button", name="Demander une adhésion").click()
    page.get_by_role("heading", name="Demander une adhésion", level=1).wait_for()
    assert page.get_by_label("Organisation").input_value() == str(commune_a.pk)
    page.get_by_label("Service").select_option(label="Service de remplacement")
    page.get_by_label("Adhère à compter du").fill("2026-04-01")
    check_a11y(page)
    screenshot(page, "adhesion-request")
    page.get_by_role("button", name="Demander l'adhésion").click()

    page.get_by_text("L'adhésion est enregistrée ; sa convention est à signer.").wait_for()
    adhesion = Adhesion.objects.get()
    assert page.url.endswith(reverse("agreements:convention_detail", args=[adhesion.convention_id]))
    check_a11y(page)

    menu.get_by_role("link", name="Adhésions").click()
    row = page.locator("#results tbody tr", has_text="Jouhe")
    row.wait_for()
    assert "Service de remplacement" in row.inner_text()
    assert "depuis le 01/04/2026" in row.inner_text()
    assert row.get_by_role("link", name=f"n° {adhesion.convention.number}").is_visible()
    check_a11y(page)
    screenshot(page, "adhesion-list")

    row.get_by_role("link", name="Retirer").click()
    page.get_by_role("heading", name="Retrait de Jouhe du service « Service de remplacement »").wait_for()
    check_a11y(page)
    page.get_by_label("Retrait à compter du").fill("2026-09-01")
    page.get_by_role("button", name="Enregistrer le retrait").click()
    page.get_by_text("Le retrait est enregistré.").wait_for()
    assert "du 01/04/2026 au 31/08/2026" in page.locator("#results tbody tr", has_text="Jouhe").inner_text()
