"""Refusing, cancelling, needs and proposals, and the conflicts shown on the decision page."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from mutualis.agreements.models import Status as ConventionStatus
from mutualis.equipment.models import LoanStatus, RequestStatus, conflicting_requests
from mutualis.equipment.services import (
    categories_for,
    loan_checkout,
    need_propose,
    proposal_accept,
    request_accept,
    request_cancel,
    request_create,
    request_refuse,
)
from mutualis.equipment.tests.factories import ItemFactory, in_days, sign_convention
from mutualis.territory.tests.factories import OrganisationFactory


def test_refusing_records_the_reason_and_emails_the_borrower(ask, alice, charlie):
    request = ask()
    mail.outbox.clear()
    request_refuse(request=request, reason="Remorque en réparation", by=alice)
    request.refresh_from_db()
    assert (request.status, request.refusal_reason, request.decided_by) == (
        RequestStatus.REFUSED,
        "Remorque en réparation",
        alice,
    )
    assert mail.outbox[0].to == [charlie.email] and "Remorque en réparation" in mail.outbox[0].body


def test_refusing_needs_a_reason(ask, alice):
    with pytest.raises(ValidationError, match="motif"):
        request_refuse(request=ask(), reason="  ", by=alice)


def test_an_accepted_request_cannot_be_refused(ask, alice):
    request = ask()
    request_accept(request=request, by=alice)
    with pytest.raises(ValidationError, match="ne peut pas passer"):
        request_refuse(request=request, reason="Trop tard", by=alice)


def test_a_refused_request_cannot_be_accepted(ask, alice):
    request = ask()
    request_refuse(request=request, reason="Non", by=alice)
    with pytest.raises(ValidationError, match="ne peut pas passer"):
        request_accept(request=request, by=alice)


def test_the_borrower_cancels_a_pending_request_and_the_owner_is_told(ask, charlie, bob):
    request = ask()
    mail.outbox.clear()
    request_cancel(request=request, by=charlie)
    request.refresh_from_db()
    assert request.status == RequestStatus.CANCELLED
    assert mail.outbox[0].to == [bob.email]


def test_cancelling_an_accepted_request_cancels_its_loan_and_convention(ask, alice, charlie):
    loan = request_accept(request=ask(), by=alice)
    request_cancel(request=loan.request, by=charlie)
    loan.refresh_from_db()
    loan.convention.refresh_from_db()
    assert loan.status == LoanStatus.CANCELLED
    assert loan.convention.status == ConventionStatus.CANCELLED


def test_a_cancelled_loan_frees_the_item(ask, alice, charlie):
    request_cancel(request=request_accept(request=ask(), by=alice).request, by=charlie)
    assert request_accept(request=ask(), by=alice)


def test_a_request_whose_item_was_handed_over_cannot_be_cancelled(ask, alice, bob, charlie):
    loan = sign_convention(request_accept(request=ask(start=in_days(0), end=in_days(3)), by=alice))
    loan_checkout(loan=loan, date=in_days(0), by=bob)
    with pytest.raises(ValidationError, match="déjà été remis"):
        request_cancel(request=loan.request, by=charlie)


def test_a_cancelled_request_cannot_be_cancelled_again(ask, charlie):
    request = request_cancel(request=ask(), by=charlie)
    with pytest.raises(ValidationError, match="ne peut pas passer"):
        request_cancel(request=request, by=charlie)


def test_other_pending_requests_overlapping_are_conflicting(ask, alice):
    request = ask(start=in_days(7), end=in_days(10))
    overlapping = ask(start=in_days(9), end=in_days(11))
    ask(start=in_days(10), end=in_days(12))  # back to back: no conflict without a buffer
    request_accept(request=request, by=alice)
    assert list(conflicting_requests(request)) == [overlapping]


def test_the_buffer_widens_the_conflicts(ask, rules_a):
    rules_a.buffer_days = 1
    rules_a.save()
    request = ask(start=in_days(7), end=in_days(10))
    back_to_back = ask(start=in_days(10), end=in_days(12))
    assert list(conflicting_requests(request)) == [back_to_back]


@pytest.fixture
def need(territory_a, commune_b, charlie, ed):
    return request_create(
        borrower=commune_b,
        category=categories_for(territory_a).get(name="Événementiel"),
        start=in_days(7),
        end=in_days(9),
        purpose="Vingt barrières pour le marché de Noël",
        contact=charlie,
        created_by=charlie,
    )


def test_a_need_has_no_item_and_emails_the_equipment_managers(need, ed):
    assert need.is_need and need.owner is None
    assert mail.outbox[-1].to == [ed.email]


def test_proposing_an_item_for_a_need_tells_the_borrower(need, commune_a, rules_a, bob, charlie):
    barriers = ItemFactory(owner=commune_a, category=need.category, name="Barrières", quantity=20)
    mail.outbox.clear()
    proposal = need_propose(request=need, item=barriers, by=bob, note="Disponibles au dépôt")
    need.refresh_from_db()
    assert need.status == RequestStatus.PROPOSED and proposal.item == barriers
    assert mail.outbox[0].to == [charlie.email]


def test_an_item_already_lent_for_the_period_cannot_be_proposed(need, ask, item, alice, ed):
    request_accept(request=ask(start=in_days(7), end=in_days(9)), by=alice)
    with pytest.raises(ValidationError, match="déjà prêté"):
        need_propose(request=need, item=item, by=ed)


def test_the_same_item_is_proposed_once(need, item, ed):
    need_propose(request=need, item=item, by=ed)
    with pytest.raises(ValidationError, match="déjà proposé"):
        need_propose(request=need, item=item, by=ed)


def test_the_borrowers_own_item_cannot_be_proposed(need, commune_b, ed):
    with pytest.raises(ValidationError, match="appartient déjà"):
        need_propose(request=need, item=ItemFactory(owner=commune_b), by=ed)


def test_taking_up_a_proposal_makes_a_request_for_the_item_and_fulfils_the_need(need, item, ed, charlie, alice):
    proposal = need_propose(request=need, item=item, by=ed)
    request = proposal_accept(proposal=proposal, by=charlie)
    need.refresh_from_db()
    assert need.status == RequestStatus.FULFILLED
    assert (request.item, request.need, request.status, request.start) == (
        item,
        need,
        RequestStatus.PENDING,
        need.start,
    )
    assert request_accept(request=request, by=alice).item == item


def test_a_need_is_not_accepted_directly(need, alice):
    with pytest.raises(ValidationError, match="proposez"):
        request_accept(request=need, by=alice)


def test_a_fulfilled_need_takes_no_more_proposals(need, item, ed, charlie, commune_a):
    proposal_accept(proposal=need_propose(request=need, item=item, by=ed), by=charlie)
    with pytest.raises(ValidationError, match="ne reçoit pas"):
        need_propose(request=need, item=ItemFactory(owner=commune_a), by=ed)


def test_categories_are_created_once_per_territory(territory_a, territory_b):
    assert [c.name for c in categories_for(territory_a)] == sorted(
        ["Espaces verts", "Voirie", "Bâtiments", "Nettoyage", "Événementiel", "Autre"]
    )
    assert categories_for(territory_a).count() == 6
    assert categories_for(territory_b).count() == 6


def test_a_need_in_another_territorys_category_is_refused(territory_b, commune_b, charlie):
    with pytest.raises(ValidationError, match="autre territoire"):
        request_create(
            borrower=commune_b,
            category=categories_for(territory_b).first(),
            start=in_days(7),
            end=in_days(9),
            purpose="x",
            contact=charlie,
            created_by=charlie,
        )


def test_an_inactive_borrower_cannot_ask(item, territory_a, charlie):
    with pytest.raises(ValidationError, match="plus membre active"):
        request_create(
            borrower=OrganisationFactory(territory=territory_a, is_active=False),
            item=item,
            start=in_days(7),
            end=in_days(9),
            purpose="x",
            contact=charlie,
            created_by=charlie,
        )
