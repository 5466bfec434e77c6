"""notify(): a row per person, an email each unless they chose the digest, nothing if rolled back."""

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings

from mutualis.notifications.events import registry
from mutualis.notifications.models import Frequency, Notification
from mutualis.notifications.services import digests_send, notify, preference_set

EVENT = "helpdesk.request_resolved"
CONTEXT = {"organisation": "Jouhe", "subject": "Délibération sur les tarifs"}


def _notify(territory, recipients, **more):
    return notify(EVENT, recipients=recipients, context=CONTEXT, url="/expertise/7/", territory=territory, **more)


def test_each_person_gets_a_notification_and_an_email(territory_a, alice, bob):
    _notify(territory_a, [alice, bob])
    assert sorted(Notification.objects.values_list("user__email", flat=True)) == [alice.email, bob.email]
    assert sorted(message.to[0] for message in mail.outbox) == [alice.email, bob.email]
    assert mail.outbox[0].subject == "Mutualis – votre sollicitation a reçu sa réponse : Délibération sur les tarifs"


@override_settings(SITE_URL="http://127.0.0.1:8123")
def test_the_email_links_to_the_site_address(territory_a, alice):
    _notify(territory_a, [alice])
    assert "http://127.0.0.1:8123/expertise/7/" in mail.outbox[0].body
    assert "http://127.0.0.1:8123/notifications/preferences/" in mail.outbox[0].body


def test_the_person_who_acted_is_not_told(territory_a, alice, bob):
    _notify(territory_a, [alice, bob], exclude=bob)
    assert [message.to for message in mail.outbox] == [[alice.email]]
    assert not Notification.objects.filter(user=bob).exists()


def test_a_person_named_twice_is_told_once(territory_a, alice):
    _notify(territory_a, [alice, alice, None])
    assert len(mail.outbox) == 1 and Notification.objects.count() == 1


def test_an_address_without_account_gets_the_email_only(territory_a, alice):
    _notify(territory_a, [alice], addresses=["parc@jouhe.fr", alice.email])
    assert sorted(message.to[0] for message in mail.outbox) == [alice.email, "parc@jouhe.fr"]
    assert Notification.objects.count() == 1


def test_an_in_app_event_sends_no_email(territory_a, alice):
    assert not registry["surveys.invited"].email
    notify("surveys.invited", recipients=[alice], context={"title": "Besoins", "closes": ""}, url="/",
           territory=territory_a)  # fmt: skip
    assert not mail.outbox and Notification.objects.get().subject == "Mutualis – questionnaire à remplir : Besoins"


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transition_sends_nothing(territory_a, alice):
    with pytest.raises(RuntimeError), transaction.atomic():
        _notify(territory_a, [alice])
        raise RuntimeError
    assert not mail.outbox and not Notification.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_email_leaves_once_the_transaction_commits(territory_a, alice):
    with transaction.atomic():
        _notify(territory_a, [alice])
        assert not mail.outbox
    assert len(mail.outbox) == 1


def test_a_daily_person_gets_no_email_then_one_digest(territory_a, alice, bob):
    preference_set(user=alice, frequency=Frequency.DAILY)
    _notify(territory_a, [alice, bob])
    _notify(territory_a, [alice])
    assert [message.to for message in mail.outbox] == [[bob.email]]
    mail.outbox.clear()
    assert digests_send() == 1
    (digest,) = mail.outbox
    assert digest.to == [alice.email] and digest.subject == "Mutualis – vos notifications du jour (2)"
    assert digest.body.count("Délibération sur les tarifs") == 2
    assert digests_send() == 0


def test_the_digest_leaves_out_what_was_read(territory_a, alice):
    preference_set(user=alice, frequency=Frequency.DAILY)
    _notify(territory_a, [alice])
    Notification.objects.update(read_at="2026-01-01T00:00Z")
    assert digests_send() == 0 and not mail.outbox


@pytest.mark.parametrize(
    "organisation, subject",
    [
        ("Jouhe", "Mutualis – nouvelle sollicitation de Jouhe : Tarifs"),
        ("Archelange", "Mutualis – nouvelle sollicitation d'Archelange : Tarifs"),
        (
            "Communauté d'Agglomération du Grand Dole",
            "Mutualis – nouvelle sollicitation de la Communauté d'Agglomération du Grand Dole : Tarifs",
        ),
    ],
)
def test_a_name_after_de_takes_its_elision_and_article(territory_a, alice, organisation, subject):
    context = {"organisation": organisation, "subject": "Tarifs", "topic": "", "question": "", "first_response_due": ""}
    notify("helpdesk.request_created", recipients=[alice], context=context, url="/", territory=territory_a)
    assert mail.outbox[0].subject == subject
