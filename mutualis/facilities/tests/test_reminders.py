from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from mutualis.facilities.services import facility_archive, reminders_send
from mutualis.facilities.tests.factories import PlanFactory, days_ago


@pytest.fixture
def due(goal, alice, bob, hugo):
    """One overdue and one upcoming inspection of Jouhe's goal."""
    return [PlanFactory(facility=goal, kind="main", starts_on=days_ago(3)),
            PlanFactory(facility=goal, kind="routine", starts_on=days_ago(-10))]  # fmt: skip


def test_the_owner_and_the_inspectors_are_emailed(due, territory_a):
    reminders_send(territory=territory_a, today=days_ago(0))
    assert sorted(message.to[0] for message in mail.outbox) == [
        "alice@example.org",
        "bob@example.org",
        "hugo@example.org",
    ]


def test_the_reminder_lists_overdue_and_upcoming_inspections(due, territory_a):
    reminders_send(territory=territory_a, today=days_ago(0))
    body = mail.outbox[0].body
    place = "« But nord du stade » (Stade municipal, Jouhe)"
    assert f"EN RETARD : Contrôle principal annuel de {place}, prévu le {days_ago(3):%d/%m/%Y}" in body
    assert f"- Contrôle visuel de routine de {place}, prévu le {days_ago(-10):%d/%m/%Y}" in body


def test_running_twice_the_same_day_sends_nothing_more(due):
    call_command("notify_due_inspections", stdout=None)
    call_command("notify_due_inspections", stdout=None)
    assert len(mail.outbox) == 3


def test_the_reminder_is_sent_again_the_next_day(due, territory_a):
    today = timezone.localdate()
    reminders_send(territory=territory_a, today=today)
    reminders_send(territory=territory_a, today=today + timedelta(days=1))
    assert len(mail.outbox) == 6


def test_inspections_due_in_more_than_30_days_are_not_reminded(goal, alice, territory_a):
    PlanFactory(facility=goal, starts_on=days_ago(-31))
    assert reminders_send(territory=territory_a, today=days_ago(0)) == 0
    assert mail.outbox == []


def test_archived_facilities_are_not_reminded(due, goal, hugo, territory_a):
    facility_archive(facility=goal, by=hugo)
    reminders_send(territory=territory_a, today=days_ago(0))
    assert mail.outbox == []


def test_another_territory_is_not_told(due, territory_b, oscar):
    reminders_send(territory=territory_b, today=days_ago(0))
    assert mail.outbox == []
