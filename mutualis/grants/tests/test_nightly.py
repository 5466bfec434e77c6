"""The nightly job: on the reminder day the commune is told its grant lapses soon; after the
deadline the grant lapses; started works are left alone."""

import io
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command

from mutualis.grants.models import Status
from mutualis.grants.tests.factories import ApplicationFactory, RulesFactory

PARIS = ZoneInfo("Europe/Paris")


def night(frozen_clock, day: date) -> str:
    frozen_clock.move_to(datetime.combine(day, time(2), tzinfo=PARIS))
    out = io.StringIO()
    call_command("grants_nightly", stdout=out)
    return out.getvalue()


@pytest.fixture
def waiting(territory_a, commune_a, bob):
    """Granted on 10 March 2026; 24 months to start the works (10 March 2028), reminded 60 days before."""
    rules = RulesFactory(territory=territory_a, year=2026, works_start_months=24, reminder_days=60)
    return ApplicationFactory(rules=rules, organisation=commune_a, status=Status.GRANTED, decided_on=date(2026, 3, 10))


def test_the_commune_is_reminded_once_from_the_reminder_day(frozen_clock, waiting, bob):
    assert night(frozen_clock, date(2028, 1, 9)) == "0 lapse reminder(s) sent, 0 grant(s) lapsed.\n"
    mail.outbox.clear()
    assert night(frozen_clock, date(2028, 1, 10)).startswith("1 lapse reminder(s) sent")
    assert [message.to for message in mail.outbox] == [[bob.email]]
    assert "10/03/2028" in mail.outbox[0].subject
    waiting.refresh_from_db()
    assert (waiting.status, waiting.lapse_reminded_on) == (Status.GRANTED, date(2028, 1, 10))
    assert night(frozen_clock, date(2028, 1, 11)).startswith("0 lapse reminder(s) sent")


def test_a_night_without_the_job_is_caught_up_the_next(frozen_clock, waiting, bob):
    assert night(frozen_clock, date(2028, 1, 12)).startswith("1 lapse reminder(s) sent")
    assert [message.to for message in mail.outbox] == [[bob.email]]


def test_the_grant_lapses_the_night_after_its_deadline(frozen_clock, waiting):
    night(frozen_clock, date(2028, 3, 10))
    waiting.refresh_from_db()
    assert waiting.status == Status.GRANTED
    assert night(frozen_clock, date(2028, 3, 11)).endswith("1 grant(s) lapsed.\n")
    waiting.refresh_from_db()
    assert (waiting.status, waiting.lapsed_on) == (Status.LAPSED, date(2028, 3, 11))
    assert night(frozen_clock, date(2028, 3, 12)).endswith("0 grant(s) lapsed.\n")


def test_a_grant_whose_works_started_neither_is_reminded_nor_lapses(frozen_clock, waiting):
    waiting.works_started_on = date(2026, 9, 1)
    waiting.save()
    assert night(frozen_clock, date(2028, 1, 10)) == "0 lapse reminder(s) sent, 0 grant(s) lapsed.\n"
    assert night(frozen_clock, date(2028, 3, 11)) == "0 lapse reminder(s) sent, 0 grant(s) lapsed.\n"
