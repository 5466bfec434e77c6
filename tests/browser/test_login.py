import pytest
from django.conf import settings
from django.urls import reverse

from conftest import PASSWORD

pytestmark = pytest.mark.browser

LOCKED_OUT = "Trop de tentatives de connexion ont échoué."


def submit_login(page, email: str, password: str) -> None:
    page.goto(reverse("accounts:login"))
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()


def test_persona_logs_in_with_email_and_lands_on_her_home(page, check_a11y, screenshot, alice, commune_a):
    page.goto(reverse("accounts:login"))
    check_a11y(page)
    screenshot(page, "login")

    submit_login(page, "alice@example.org", PASSWORD)

    page.get_by_role("heading", name="Accueil", level=1).wait_for()
    assert page.url.endswith(reverse("portal:home"))
    check_a11y(page)
    screenshot(page, "landing-home")


def test_repeated_wrong_passwords_lock_the_account_even_for_the_right_password(page, check_a11y, screenshot, bob):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        submit_login(page, "bob@example.org", "not the password")
        page.get_by_text("Adresse électronique ou mot de passe incorrect.").wait_for()

    submit_login(page, "bob@example.org", "not the password")
    page.get_by_text(LOCKED_OUT).wait_for()
    check_a11y(page)
    screenshot(page, "locked-out")

    submit_login(page, "bob@example.org", PASSWORD)
    page.get_by_text(LOCKED_OUT).wait_for()
    page.goto(reverse("portal:home"))
    assert reverse("accounts:login") in page.url
