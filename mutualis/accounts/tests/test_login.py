from django.conf import settings
from django.urls import reverse

from conftest import PASSWORD
from mutualis import settings as production_settings

URL = reverse("accounts:login")


def test_login_with_email_in_any_case(client, bob):
    response = client.post(URL, {"username": "BOB@Example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(bob.pk)


def test_wrong_password_is_refused_with_a_message(client, bob):
    response = client.post(URL, {"username": "bob@example.org", "password": "nope"})
    assert response.status_code == 200
    assert "incorrect" in response.content.decode()


def test_lockout_after_repeated_failures(client, bob):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(URL, {"username": "bob@example.org", "password": "nope"})
    response = client.post(URL, {"username": "bob@example.org", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_passwords_are_hashed_with_argon2_in_production():
    assert production_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
