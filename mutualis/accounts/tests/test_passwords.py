"""A person changes their password, or gets a new one by email when it is forgotten."""

import re

from django.core import mail
from django.urls import reverse

from conftest import PASSWORD

NEW_PASSWORD = "plume-de-héron-42"


def logs_in(client, email: str, password: str) -> bool:
    client.logout()
    return client.post(reverse("accounts:login"), {"username": email, "password": password}).status_code == 302


def reset_link() -> str:
    (message,) = mail.outbox
    return re.search(r"https?://\S+", message.body).group(0)


def test_the_login_page_offers_a_reset_link(client):
    assert reverse("accounts:password_reset") in client.get(reverse("accounts:login")).content.decode()


def test_the_user_menu_offers_to_change_the_password(client, bob):
    client.force_login(bob)
    assert reverse("accounts:password_change") in client.get(reverse("portal:home"), follow=True).content.decode()


def test_password_change_needs_a_login(client):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_password_change_asks_the_current_password(client, bob):
    client.force_login(bob)
    data = {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    assert client.post(reverse("accounts:password_change"), data).status_code == 200
    bob.refresh_from_db()
    assert bob.check_password(PASSWORD)


def test_a_changed_password_is_the_one_that_logs_in(client, bob):
    client.force_login(bob)
    data = {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    response = client.post(reverse("accounts:password_change"), data)
    assert response["Location"] == reverse("accounts:password_change_done")
    assert not logs_in(client, bob.email, PASSWORD)
    assert logs_in(client, bob.email, NEW_PASSWORD)


def test_reset_by_email_end_to_end(client, bob):
    response = client.post(reverse("accounts:password_reset"), {"email": "BOB@example.org"})
    assert response["Location"] == reverse("accounts:password_reset_sent")
    assert mail.outbox[0].to == [bob.email]
    link = reset_link()
    # Django swaps the token for a session marker and redirects to the form.
    form_url = client.get(link)["Location"]
    data = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    assert client.post(form_url, data)["Location"] == reverse("accounts:password_set")
    assert logs_in(client, bob.email, NEW_PASSWORD)


def test_a_reset_link_serves_once(client, bob):
    client.post(reverse("accounts:password_reset"), {"email": bob.email})
    link = reset_link()
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    response = client.get(link, follow=True)
    assert "plus valable" in response.content.decode()


def test_the_reset_link_is_built_on_site_url_not_on_the_host_header(client, bob, settings):
    settings.ALLOWED_HOSTS = ["testserver", "evil.example"]
    client.post(reverse("accounts:password_reset"), {"email": bob.email}, HTTP_HOST="evil.example")
    assert reset_link().startswith(settings.SITE_URL)


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, bob):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("accounts:password_reset_sent")
    assert mail.outbox == []
