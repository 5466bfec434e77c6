"""request_accept re-checks every lending rule; pending requests never block anyone."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from mutualis.equipment.models import Loan, LoanStatus, QualificationKind, RequestStatus, Unavailability
from mutualis.equipment.services import request_accept, request_create
from mutualis.equipment.tests.factories import ItemFactory, LoanFactory, RequestFactory, in_days


def messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def test_accepting_creates_a_scheduled_loan_for_the_period(ask, alice, item):
    request = ask(start=in_days(7), end=in_days(10))
    loan = request_accept(request=request, by=alice)
    assert (loan.item, loan.borrower, loan.owner) == (item, request.borrower, item.owner)
    assert (loan.start, loan.end, loan.blocked_until) == (in_days(7), in_days(10), in_days(10))
    assert loan.status == LoanStatus.SCHEDULED
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED
    assert request.decided_by == alice


def test_accepting_keeps_the_fee_and_deposit_of_the_day(ask, alice, item):
    loan = request_accept(request=ask(), by=alice)
    item.daily_fee = 99
    item.save()
    loan.refresh_from_db()
    assert (str(loan.daily_fee), str(loan.deposit)) == ("12.50", "150.00")


def test_accepting_emails_the_borrowers_contact_who_also_signs(ask, alice, charlie):
    request = ask()
    mail.outbox.clear()
    request_accept(request=request, by=alice)
    assert [(message.to, message.subject) for message in mail.outbox] == [
        ([charlie.email], "Mutualis – convention à signer : Prêt de matériel : Remorque porte-engins"),
        ([charlie.email], "Mutualis – prêt accepté : Remorque porte-engins"),
    ]


def test_overlapping_an_accepted_loan_is_refused(ask, alice, item):
    first, second = ask(start=in_days(7), end=in_days(10)), ask(start=in_days(9), end=in_days(12))
    request_accept(request=first, by=alice)
    with pytest.raises(ValidationError, match="déjà prêté"):
        request_accept(request=second, by=alice)
    assert Loan.objects.filter(item=item).count() == 1


def test_asking_for_days_already_lent_is_refused_at_once(ask, alice):
    request_accept(request=ask(start=in_days(7), end=in_days(10)), by=alice)
    with pytest.raises(ValidationError, match="déjà prêté"):
        ask(start=in_days(8), end=in_days(9))


def test_back_to_back_loans_are_allowed_without_buffer(ask, alice):
    request_accept(request=ask(start=in_days(7), end=in_days(10)), by=alice)
    loan = request_accept(request=ask(start=in_days(10), end=in_days(12)), by=alice)
    assert loan.start == in_days(10)


def test_back_to_back_loans_are_refused_with_a_one_day_buffer(ask, alice, rules_a):
    first, second = ask(start=in_days(7), end=in_days(10)), ask(start=in_days(10), end=in_days(12))
    rules_a.buffer_days = 1
    rules_a.save()
    assert request_accept(request=first, by=alice).blocked_until == in_days(11)
    with pytest.raises(ValidationError, match="1 jour entre deux prêts"):
        request_accept(request=second, by=alice)


def test_a_buffer_also_keeps_a_new_loan_off_the_next_one(ask, alice, rules_a):
    later, earlier = ask(start=in_days(10), end=in_days(12)), ask(start=in_days(7), end=in_days(10))
    rules_a.buffer_days = 1
    rules_a.save()
    request_accept(request=later, by=alice)
    with pytest.raises(ValidationError, match="déjà prêté"):
        request_accept(request=earlier, by=alice)


def test_a_loan_after_the_buffer_is_accepted(ask, alice, rules_a):
    first, second = ask(start=in_days(7), end=in_days(10)), ask(start=in_days(11), end=in_days(12))
    rules_a.buffer_days = 1
    rules_a.save()
    request_accept(request=first, by=alice)
    assert request_accept(request=second, by=alice).start == in_days(11)


def test_the_items_own_buffer_overrides_the_owners(ask, alice, item):
    first, second = ask(start=in_days(7), end=in_days(10)), ask(start=in_days(10), end=in_days(12))
    item.buffer_days = 2
    item.save()
    request_accept(request=first, by=alice)
    with pytest.raises(ValidationError, match="2 jours entre deux prêts"):
        request_accept(request=second, by=alice)


def test_a_cancelled_or_returned_loan_no_longer_blocks(ask, alice, item):
    LoanFactory(request=RequestFactory(item=item, start=in_days(7), end=in_days(10)), status=LoanStatus.CANCELLED)
    assert request_accept(request=ask(start=in_days(7), end=in_days(10)), by=alice)


def test_an_unavailability_blocks_acceptance(ask, alice, item):
    request = ask(start=in_days(7), end=in_days(10))
    Unavailability.objects.create(item=item, start=in_days(9), end=in_days(20), reason="Révision")
    with pytest.raises(ValidationError, match="indisponible .*Révision"):
        request_accept(request=request, by=alice)


def test_an_unavailability_ending_on_the_first_day_does_not_block(ask, alice, item):
    Unavailability.objects.create(item=item, start=in_days(1), end=in_days(7), reason="Révision")
    assert request_accept(request=ask(start=in_days(7), end=in_days(10)), by=alice)


def test_a_loan_longer_than_the_maximum_is_refused(ask, alice, rules_a):
    request = ask(start=in_days(7), end=in_days(12))
    rules_a.max_days = 4
    rules_a.save()
    with pytest.raises(ValidationError, match="4 jours au plus"):
        request_accept(request=request, by=alice)


def test_a_loan_of_the_maximum_length_is_accepted(ask, alice, rules_a):
    rules_a.max_days = 5
    rules_a.save()
    assert request_accept(request=ask(start=in_days(7), end=in_days(12)), by=alice).days == 5


def test_booking_beyond_the_horizon_is_refused(ask, rules_a):
    rules_a.horizon_days = 30
    rules_a.save()
    with pytest.raises(ValidationError, match="au plus 30 jours à l'avance"):
        ask(start=in_days(31), end=in_days(33))


def test_a_horizon_tightened_after_asking_is_rechecked_at_acceptance(ask, alice, rules_a):
    request = ask(start=in_days(40), end=in_days(42))
    rules_a.horizon_days = 30
    rules_a.save()
    with pytest.raises(ValidationError, match="au plus 30 jours"):
        request_accept(request=request, by=alice)


def test_asking_with_less_than_the_notice_is_refused(ask, rules_a):
    rules_a.notice_days = 5
    rules_a.save()
    with pytest.raises(ValidationError, match="au moins 5 jours à l'avance"):
        ask(start=in_days(4), end=in_days(6))


def test_notice_counts_from_the_day_of_asking(ask, alice, rules_a):
    request = ask(start=in_days(5), end=in_days(6))
    rules_a.notice_days = 5
    rules_a.save()
    assert request_accept(request=request, by=alice)


def test_a_first_day_already_passed_is_refused(ask, alice):
    request = ask(start=in_days(0), end=in_days(2))
    request.start, request.end = in_days(-1), in_days(2)
    request.save()
    with pytest.raises(ValidationError, match="déjà passé"):
        request_accept(request=request, by=alice)


def test_an_item_needing_a_qualification_needs_it_declared_with_its_holder(ask, item):
    item.qualification_kind = QualificationKind.TRAILER
    item.save()
    with pytest.raises(ValidationError, match="Permis remorque"):
        ask(qualification_declared=True, qualification_holder="")


def test_an_item_needing_a_qualification_is_accepted_when_declared(ask, alice, item):
    item.qualification_kind = QualificationKind.TRAILER
    item.save()
    request = ask(qualification_declared=True, qualification_holder="Paul Martin")
    assert request_accept(request=request, by=alice)


def test_a_qualification_required_after_asking_is_rechecked_at_acceptance(ask, alice, item):
    request = ask()
    item.qualification_kind = QualificationKind.CACES
    item.save()
    with pytest.raises(ValidationError, match="CACES"):
        request_accept(request=request, by=alice)


def test_an_item_withdrawn_from_lending_cannot_be_lent(ask, alice, item):
    request = ask()
    item.is_lendable = False
    item.save()
    with pytest.raises(ValidationError, match="pas proposé au prêt"):
        request_accept(request=request, by=alice)


def test_an_organisation_cannot_borrow_its_own_item(item, commune_a, alice):
    with pytest.raises(ValidationError, match="appartient déjà à votre organisation"):
        request_create(
            borrower=commune_a,
            item=item,
            start=in_days(7),
            end=in_days(8),
            purpose="x",
            contact=alice,
            created_by=alice,
        )


def test_an_item_of_another_territory_cannot_be_asked_for(commune_b, charlie, epci_b):
    item = ItemFactory(owner=epci_b)
    with pytest.raises(ValidationError, match="autre territoire"):
        request_create(
            borrower=commune_b,
            item=item,
            start=in_days(7),
            end=in_days(8),
            purpose="x",
            contact=charlie,
            created_by=charlie,
        )


def test_pending_requests_never_block_each_other(ask, alice):
    requests = [ask(start=in_days(7), end=in_days(10)) for _ in range(3)]
    assert all(request.status == RequestStatus.PENDING for request in requests)
    assert request_accept(request=requests[2], by=alice)


def test_a_request_is_accepted_only_once(ask, alice):
    request = ask()
    request_accept(request=request, by=alice)
    with pytest.raises(ValidationError, match="ne peut pas passer"):
        request_accept(request=request, by=alice)


def test_asking_emails_the_items_contact(ask, bob):
    mail.outbox.clear()
    ask()
    assert [message.to for message in mail.outbox] == [[bob.email]]
    assert "Foucherans" in mail.outbox[0].body


def test_asking_without_item_contact_emails_the_owners_staff(ask, item, alice, bob):
    item.contact = None
    item.save()
    mail.outbox.clear()
    ask()
    assert sorted(message.to[0] for message in mail.outbox) == sorted([alice.email, bob.email])


def test_the_end_must_follow_the_start(ask):
    with pytest.raises(ValidationError, match="postérieure"):
        ask(start=in_days(7), end=in_days(7))


def test_a_period_is_half_open(ask, alice):
    loan = request_accept(request=ask(start=in_days(7), end=in_days(8)), by=alice)
    assert loan.days == 1 and loan.last_day == in_days(7) and loan.last_day + timedelta(days=1) == loan.end
