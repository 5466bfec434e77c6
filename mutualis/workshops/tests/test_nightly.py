import io
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from mutualis.workshops import services
from mutualis.workshops.models import Participant
from mutualis.workshops.tests.factories import SessionFactory, in_days

PARIS = ZoneInfo("Europe/Paris")


def test_the_nightly_job_reminds_then_purges(series, frozen_clock):
    session = SessionFactory(series=series, starts_at=in_days(3), ends_at=in_days(3, 16))
    services.registration_create(session=session, name="Jeanne", email="jeanne@example.org")
    mail.outbox.clear()
    eve_of = timezone.localdate(session.starts_at) - timedelta(days=1)
    frozen_clock.move_to(datetime.combine(eve_of, time(2), tzinfo=PARIS))
    out = io.StringIO()
    call_command("workshops_nightly", stdout=out)
    assert "1 reminder(s) sent, 0 participant(s) erased" in out.getvalue()
    assert mail.outbox[0].subject.startswith("Rappel")
    frozen_clock.move_to(datetime.combine(eve_of + timedelta(days=400), time(2), tzinfo=PARIS))
    call_command("workshops_nightly", stdout=out)
    assert Participant.objects.get().name == ""
