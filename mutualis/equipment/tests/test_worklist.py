from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mutualis.core.tests.worklist import shown
from mutualis.equipment import worklist
from mutualis.equipment.models import LoanStatus, RequestStatus
from mutualis.equipment.tests.factories import ItemFactory, LoanFactory, RequestFactory
from mutualis.territory.models import Role
from mutualis.territory.tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def pending(item, commune_b):
    """Commune B asks for commune A's trailer."""
    return RequestFactory(item=item, borrower=commune_b)


def url_of(request) -> str:
    return reverse("equipment:request_detail", args=[request.pk])


def test_owner_mayor_has_the_request_to_decide(pending, alice):
    assert shown(worklist.requests_to_decide, alice) == [url_of(pending)]


def test_owner_secretary_decides_only_when_the_rules_allow_it(pending, bob, rules_a):
    assert shown(worklist.requests_to_decide, bob) == []
    rules_a.secretaries_may_decide = True
    rules_a.save()
    assert shown(worklist.requests_to_decide, bob) == [url_of(pending)]


def test_owner_agent_has_nothing_to_decide(pending, commune_a):
    agent = UserFactory()
    MembershipFactory(user=agent, organisation=commune_a, role=Role.AGENT)
    assert shown(worklist.requests_to_decide, agent) == []


def test_borrower_and_other_territory_have_nothing_to_decide(pending, charlie, oscar, eve):
    assert shown(worklist.requests_to_decide, charlie) == []
    assert shown(worklist.requests_to_decide, oscar) == []
    assert shown(worklist.requests_to_decide, eve) == []


def test_equipment_manager_decides_for_the_epci_items_only(pending, ed, epci_a, commune_b):
    epci_request = RequestFactory(item=ItemFactory(owner=epci_a), borrower=commune_b)
    assert shown(worklist.requests_to_decide, ed) == [url_of(epci_request)]


def test_decided_requests_leave_the_list(pending, alice):
    pending.status = RequestStatus.REFUSED
    pending.refusal_reason = "Déjà pris"
    pending.save()
    assert shown(worklist.requests_to_decide, alice) == []


def test_the_list_link_shows_exactly_the_pending_requests(pending, alice):
    result = worklist.requests_to_decide(alice.memberships.get(), timezone.localdate())
    assert result.url == reverse("equipment:received_requests") + "?status=pending"


def test_borrower_staff_follow_their_open_requests(pending, charlie, alice, commune_b):
    assert shown(worklist.my_requests, charlie) == [url_of(pending)]
    assert shown(worklist.my_requests, alice) == []


def test_proposals_wait_for_the_borrower(commune_b, charlie, alice, item):
    need = RequestFactory(
        item=None, owner=None, borrower=commune_b, category=item.category, status=RequestStatus.PROPOSED
    )
    assert shown(worklist.proposals_to_review, charlie) == [url_of(need)]
    assert shown(worklist.proposals_to_review, alice) == []


def test_owner_staff_hand_over_loans_of_the_week_and_take_back_late_ones(item, commune_b, alice, bob, charlie):
    today = timezone.localdate()
    soon = LoanFactory(request=RequestFactory(item=item, borrower=commune_b, start=today + timedelta(days=2)))
    LoanFactory(request=RequestFactory(item=item, borrower=commune_b, start=today + timedelta(days=30)))
    late = LoanFactory(
        request=RequestFactory(item=item, borrower=commune_b, start=today - timedelta(days=10)),
        status=LoanStatus.OUT,
        checked_out_on=today - timedelta(days=10),
    )
    expected = [reverse("equipment:loan_detail", args=[loan.pk]) for loan in (late, soon)]
    assert shown(worklist.handovers, alice) == expected
    assert shown(worklist.handovers, bob) == expected
    assert shown(worklist.handovers, charlie) == []


def test_the_borrower_follows_its_accepted_requests_until_the_loan_is_over(item, commune_b, charlie):
    loan = LoanFactory(request=RequestFactory(item=item, borrower=commune_b, status=RequestStatus.ACCEPTED))
    assert shown(worklist.my_requests, charlie) == [url_of(loan.request)]
    loan.status = LoanStatus.CANCELLED
    loan.save()
    assert shown(worklist.my_requests, charlie) == []
