from django.core import mail
from django.urls import reverse

from mutualis.equipment.models import Loan, Proposal, Request, RequestStatus
from mutualis.equipment.tests.factories import ItemFactory, LoanFactory, RequestFactory, in_days


def url(name: str, request) -> str:
    return reverse(f"equipment:{name}", kwargs={"pk": request.pk})


def test_mayor_of_the_owner_sees_accept_and_refuse(login, alice, ask):
    request = ask()
    content = login(alice).get(url("request_detail", request)).content.decode()
    assert url("request_accept", request) in content
    assert url("request_refuse", request) in content


def test_secretary_sees_no_decision_unless_the_owner_allows(login, bob, ask):
    request = ask()
    content = login(bob).get(url("request_detail", request)).content.decode()
    assert url("request_accept", request) not in content


def test_equipment_manager_sees_the_request_but_cannot_decide(login, ed, ask):
    request = ask()
    response = login(ed).get(url("request_detail", request))
    assert response.status_code == 200
    assert url("request_accept", request) not in response.content.decode()
    assert login(ed).post(url("request_accept", request)).status_code == 403


def test_borrower_cannot_accept_its_own_request(login, charlie, ask):
    assert login(charlie).post(url("request_accept", ask())).status_code == 403


def test_conflicting_pending_requests_are_listed(login, alice, ask, item, epci_a):
    request = ask(start=in_days(7), end=in_days(10))
    other = RequestFactory(item=item, borrower=epci_a, start=in_days(9), end=in_days(12))
    RequestFactory(item=item, borrower=epci_a, start=in_days(20), end=in_days(22))
    response = login(alice).get(url("request_detail", request))
    assert list(response.context["conflicts"]) == [other]


def test_accepting_creates_the_loan_and_goes_to_it(login, alice, ask):
    request = ask()
    response = login(alice).post(url("request_accept", request))
    loan = Loan.objects.get(request=request)
    assert response["Location"] == reverse("equipment:loan_detail", kwargs={"pk": loan.pk})
    assert loan.convention is not None


def test_accepting_over_an_accepted_loan_shows_the_reason(login, alice, ask, item, commune_b):
    request = ask(start=in_days(7), end=in_days(10))
    LoanFactory(request__item=item, request__borrower=commune_b, request__start=in_days(8), request__end=in_days(9))
    response = login(alice).post(url("request_accept", request), follow=True)
    assert "déjà prêté" in response.content.decode()
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


def test_refusing_needs_a_reason(login, alice, ask):
    request = ask()
    response = login(alice).post(url("request_refuse", request), {"reason": ""})
    assert response.status_code == 400
    assert response.context["refuse_form"].errors["reason"]
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


def test_refusing_with_a_reason_emails_the_borrower(login, alice, ask):
    request = ask()
    mail.outbox.clear()
    login(alice).post(url("request_refuse", request), {"reason": "En réparation"})
    request.refresh_from_db()
    assert request.status == RequestStatus.REFUSED
    assert "En réparation" in mail.outbox[0].body


def test_borrower_cancels_its_request(login, charlie, ask):
    request = ask()
    login(charlie).post(url("request_cancel", request))
    request.refresh_from_db()
    assert request.status == RequestStatus.CANCELLED


def test_owner_cannot_cancel_the_borrowers_request(login, alice, ask):
    assert login(alice).post(url("request_cancel", ask())).status_code == 403


def test_get_on_an_action_is_not_allowed(login, alice, ask):
    assert login(alice).get(url("request_accept", ask())).status_code == 405


def need(commune_b, charlie, category) -> Request:
    return RequestFactory(
        item=None, owner=None, borrower=commune_b, category=category, contact=charlie, created_by=charlie
    )


def test_owner_proposes_a_free_item_for_a_need(login, bob, item, commune_b, charlie):
    open_need = need(commune_b, charlie, item.category)
    response = login(bob).get(url("need_detail", open_need))
    assert list(response.context["propose_form"].fields["item"].queryset) == [item]
    login(bob).post(url("need_propose", open_need), {"item": item.pk, "note": "Disponible"})
    open_need.refresh_from_db()
    assert open_need.status == RequestStatus.PROPOSED
    assert open_need.proposals.get().item == item


def test_item_taken_over_the_need_is_not_offered(login, bob, item, commune_b, charlie):
    open_need = need(commune_b, charlie, item.category)
    LoanFactory(
        request__item=item, request__borrower=commune_b, request__start=open_need.start, request__end=open_need.end
    )
    response = login(bob).get(url("need_detail", open_need))
    assert list(response.context["propose_form"].fields["item"].queryset) == []


def test_item_of_another_commune_cannot_be_proposed_by_a_secretary(login, bob, item, commune_b, charlie, epci_a):
    open_need = need(commune_b, charlie, item.category)
    foreign = ItemFactory(owner=epci_a, category=item.category)
    response = login(bob).post(url("need_propose", open_need), {"item": foreign.pk})
    assert response.context["propose_form"].errors["item"]
    assert not Proposal.objects.exists()


def test_borrower_turns_a_proposal_into_a_request(login, bob, charlie, item, commune_b):
    open_need = need(commune_b, charlie, item.category)
    login(bob).post(url("need_propose", open_need), {"item": item.pk})
    proposal = open_need.proposals.get()
    response = login(charlie).post(url("proposal_accept", open_need), {"proposal": proposal.pk})
    created = Request.objects.get(need=open_need)
    assert response["Location"] == url("request_detail", created)
    assert created.item == item and created.status == RequestStatus.PENDING


def test_unknown_proposal_is_an_error(login, charlie, item, commune_b):
    open_need = need(commune_b, charlie, item.category)
    response = login(charlie).post(url("proposal_accept", open_need), {"proposal": 999})
    assert "n'existe pas" in response.context["proposal_form"].non_field_errors()[0]


def test_staff_of_another_commune_open_a_need_from_the_needs_list(login, bob, item, commune_b, charlie):
    open_need = need(commune_b, charlie, item.category)
    assert url("need_detail", open_need) in login(bob).get(reverse("equipment:need_list")).content.decode()
    assert login(bob).get(url("need_detail", open_need)).status_code == 200


def test_staff_of_another_commune_see_a_need_but_not_its_parties_page(login, bob, item, commune_b, charlie):
    open_need = need(commune_b, charlie, item.category)
    assert list(Request.objects.visible_to(bob)) == [open_need]
    assert login(bob).get(url("request_detail", open_need)).status_code == 403


def test_fulfilled_need_is_no_longer_open_to_others(login, bob, item, commune_b, charlie):
    open_need = need(commune_b, charlie, item.category)
    open_need.status = RequestStatus.CANCELLED
    open_need.save()
    assert login(bob).get(url("need_detail", open_need)).status_code == 403
