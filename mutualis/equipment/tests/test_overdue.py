from io import StringIO

from django.core import mail
from django.core.management import call_command

from mutualis.equipment.models import overdue_loans
from mutualis.equipment.services import loan_checkout, request_accept
from mutualis.equipment.tests.factories import in_days, sign_convention


def make_out(ask, alice, bob, end_in_days):
    loan = sign_convention(request_accept(request=ask(start=in_days(0), end=in_days(1)), by=alice))
    loan = loan_checkout(loan=loan, date=in_days(0), by=bob)
    loan.end = loan.blocked_until = in_days(end_in_days)
    loan.start = in_days(end_in_days - 1)
    loan.save()
    return loan


def test_a_loan_still_out_on_its_end_day_is_overdue(ask, alice, bob, territory_a):
    loan = make_out(ask, alice, bob, end_in_days=0)
    assert loan.is_overdue
    assert list(overdue_loans(territory_a)) == [loan]


def test_a_loan_out_before_its_end_day_is_not_overdue(ask, alice, bob, territory_a):
    loan = make_out(ask, alice, bob, end_in_days=1)
    assert not loan.is_overdue
    assert not overdue_loans(territory_a).exists()


def test_overdue_loans_are_notified_to_borrower_and_owner_once(ask, alice, bob, charlie):
    loan = make_out(ask, alice, bob, end_in_days=-1)
    mail.outbox.clear()
    call_command("notify_overdue_loans", stdout=StringIO())
    call_command("notify_overdue_loans", stdout=StringIO())
    assert sorted(message.to[0] for message in mail.outbox) == sorted([charlie.email, bob.email])
    loan.refresh_from_db()
    assert loan.overdue_notified_at is not None
