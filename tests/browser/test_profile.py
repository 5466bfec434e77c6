"""A person opens their profile from the user menu, renames themselves and finds their settings."""

import pytest

pytestmark = pytest.mark.browser


def test_a_person_renames_themselves_and_finds_their_settings(page, login_as, check_a11y, screenshot, bob):
    login_as(page, bob)
    page.locator("details.dropdown summary", has_text="Bob").click()
    page.get_by_role("link", name="Mon profil").click()
    page.get_by_role("heading", name="Mon profil").wait_for()
    check_a11y(page)
    screenshot(page, "profile")
    page.get_by_label("Prénom").fill("Robert")
    page.get_by_role("button", name="Enregistrer mon nom").click()
    page.get_by_text("Votre nom est enregistré.").wait_for()
    page.get_by_role("main").get_by_role("link", name="Notifications", exact=True).click()
    page.wait_for_url("**/notifications/preferences/")
