"""visible_to: the catalogue is territory-wide; requests and loans are the parties' and overseers'."""

import pytest
from django.contrib.auth.models import AnonymousUser

from mutualis.equipment.models import Category, Item, Loan, Request
from mutualis.equipment.services import request_accept, request_create
from mutualis.equipment.tests.factories import ItemFactory, LoanFactory, RequestFactory, in_days
from mutualis.territory.tests.factories import OrganisationFactory


@pytest.fixture
def third_party_loan(territory_a):
    """A loan between two other organisations of territory A."""
    lender, borrower = OrganisationFactory(territory=territory_a), OrganisationFactory(territory=territory_a)
    return LoanFactory(request=RequestFactory(item=ItemFactory(owner=lender), borrower=borrower, status="accepted"))


@pytest.mark.parametrize("persona", ["alice", "charlie", "ed", "sam"])
def test_the_catalogue_is_visible_to_every_member_of_the_territory(persona, request, item):
    assert list(Item.objects.visible_to(request.getfixturevalue(persona))) == [item]


def test_another_territory_sees_no_item_request_or_loan(oscar, ask, alice, item):
    request_accept(request=ask(), by=alice)
    assert not Item.objects.visible_to(oscar).exists()
    assert not Request.objects.visible_to(oscar).exists()
    assert not Loan.objects.visible_to(oscar).exists()
    assert not Category.objects.visible_to(oscar).filter(territory=item.territory).exists()


@pytest.mark.parametrize("persona", ["alice", "bob", "charlie", "eve", "ed"])
def test_parties_and_overseers_see_the_loan(persona, request, ask, alice):
    loan = request_accept(request=ask(), by=alice)
    user = request.getfixturevalue(persona)
    assert list(Loan.objects.visible_to(user)) == [loan]
    assert list(Request.objects.visible_to(user)) == [loan.request]


@pytest.mark.parametrize(("persona", "sees"), [("alice", False), ("charlie", False), ("eve", True), ("ed", True)])
def test_a_loan_between_others_is_seen_by_overseers_only(persona, sees, request, third_party_loan):
    user = request.getfixturevalue(persona)
    assert Loan.objects.visible_to(user).exists() is sees
    assert Request.objects.visible_to(user).exists() is sees


def test_the_billing_manager_does_not_see_requests(sam, ask):
    ask()
    assert not Request.objects.visible_to(sam).exists()


def test_a_need_is_visible_to_the_staff_of_the_territory(commune_b, charlie, alice, item, sam):
    need = request_create(
        borrower=commune_b,
        category=item.category,
        start=in_days(7),
        end=in_days(8),
        purpose="Une remorque",
        contact=charlie,
        created_by=charlie,
    )
    assert list(Request.objects.visible_to(alice)) == [need]
    assert not Request.objects.visible_to(sam).exists()


def test_anonymous_sees_nothing(item, django_user_model):
    assert not Item.objects.visible_to(AnonymousUser()).exists()
    assert not Loan.objects.visible_to(AnonymousUser()).exists()
