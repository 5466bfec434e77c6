from decimal import Decimal

from django.core import mail
from django.core.management import call_command

from mutualis.purchasing.services import NeedLine, needs_declare
from mutualis.purchasing.tests.factories import in_days


def test_members_who_have_not_answered_are_reminded_before_the_deadline(
    consultation, articles, commune_a, alice, bob, charlie
):
    consultation.census_deadline = in_days(5)
    consultation.save()
    needs_declare(
        consultation=consultation, organisation=commune_a, lines=[NeedLine(articles[0], Decimal("1"))], by=bob
    )
    call_command("remind_census")
    assert [message.to for message in mail.outbox] == [[charlie.email]]
    assert "Fournitures de bureau" in mail.outbox[0].subject


def test_a_census_is_reminded_once(consultation, charlie):
    consultation.census_deadline = in_days(5)
    consultation.save()
    call_command("remind_census")
    call_command("remind_census")
    assert len(mail.outbox) == 1


def test_no_reminder_while_the_deadline_is_far(consultation, charlie):
    consultation.census_deadline = in_days(20)
    consultation.save()
    call_command("remind_census")
    assert mail.outbox == []


def test_no_reminder_after_the_deadline(consultation, charlie):
    consultation.census_deadline = in_days(-1)
    consultation.save()
    call_command("remind_census")
    assert mail.outbox == []
