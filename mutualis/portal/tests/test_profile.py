"""The profile: name, memberships, and the account's settings in one place."""

import pytest
from django.urls import reverse

from mutualis.notifications.models import Preference

pytestmark = pytest.mark.django_db


def test_a_person_reads_their_memberships_and_settings(client, bob):
    client.force_login(bob)
    page = client.get(reverse("portal:profile"))
    assert page.status_code == 200
    assert "Jouhe" in page.text or bob.memberships.get().organisation.name in page.text
    for name in ("notifications:preferences", "calendars:list", "accounts:password_change"):
        assert reverse(name) in page.text


def test_a_person_changes_their_own_name_only(client, bob, alice):
    client.force_login(bob)
    response = client.post(reverse("portal:profile"), {"first_name": "Robert", "last_name": "Martin", "pk": alice.pk})
    assert response.status_code == 302
    bob.refresh_from_db()
    alice.refresh_from_db()
    assert (bob.first_name, bob.last_name) == ("Robert", "Martin")
    assert alice.first_name == "Alice"


def test_the_profile_shows_the_chosen_notification_frequency(client, bob):
    Preference.objects.create(user=bob, frequency="daily")
    client.force_login(bob)
    assert "Un résumé par jour" in client.get(reverse("portal:profile")).text
