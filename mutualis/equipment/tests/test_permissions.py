"""Who may declare, decide, hand over; nobody decides for another organisation's item."""

import pytest

from mutualis.equipment.services import request_accept, request_create
from mutualis.equipment.tests.factories import in_days


@pytest.fixture
def request_(ask):
    return ask()


def test_the_owners_mayor_may_decide(alice, request_):
    assert alice.has_perm("equipment.decide_request", request_)


def test_the_owners_secretary_may_not_decide_by_default(bob, request_):
    assert not bob.has_perm("equipment.decide_request", request_)


def test_the_owners_secretary_may_decide_when_the_owner_allows_it(bob, request_, rules_a):
    rules_a.secretaries_may_decide = True
    rules_a.save()
    request_.owner.refresh_from_db()
    assert bob.has_perm("equipment.decide_request", request_)


def test_the_borrowers_mayor_may_not_decide(charlie, request_):
    assert not charlie.has_perm("equipment.decide_request", request_)


@pytest.mark.parametrize("persona", ["ed", "eve", "oscar"])
def test_nobody_outside_the_owner_decides(persona, request, request_):
    assert not request.getfixturevalue(persona).has_perm("equipment.decide_request", request_)


def test_a_decided_request_is_no_longer_decidable(alice, request_):
    request_accept(request=request_, by=alice)
    request_.refresh_from_db()
    assert not alice.has_perm("equipment.decide_request", request_)


@pytest.mark.parametrize(("persona", "allowed"), [("alice", True), ("bob", True), ("ed", True), ("eve", True)])
def test_owner_staff_equipment_manager_and_coordinator_declare_items(persona, allowed, request, commune_a):
    assert request.getfixturevalue(persona).has_perm("equipment.declare_item", commune_a) is allowed


@pytest.mark.parametrize("persona", ["charlie", "sam", "oscar"])
def test_others_may_not_declare_or_change_commune_as_items(persona, request, commune_a, item):
    user = request.getfixturevalue(persona)
    assert not user.has_perm("equipment.declare_item", commune_a)
    assert not user.has_perm("equipment.change_item", item)


@pytest.mark.parametrize(("persona", "allowed"), [("charlie", True), ("sam", True), ("alice", True), ("oscar", False)])
def test_every_member_of_the_territory_sees_items(persona, allowed, request, item):
    assert request.getfixturevalue(persona).has_perm("equipment.view_item", item) is allowed


@pytest.mark.parametrize(("persona", "allowed"), [("charlie", True), ("bob", True), ("ed", False), ("oscar", False)])
def test_the_staff_of_an_organisation_of_the_territory_may_ask(persona, allowed, request, territory_a):
    assert request.getfixturevalue(persona).has_perm("equipment.request_item", territory_a) is allowed


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [("alice", True), ("bob", True), ("charlie", True), ("ed", True), ("eve", True), ("sam", False), ("oscar", False)],
)
def test_who_sees_a_request(persona, allowed, request, request_):
    assert request.getfixturevalue(persona).has_perm("equipment.view_request", request_) is allowed


@pytest.mark.parametrize(("persona", "allowed"), [("charlie", True), ("alice", False), ("ed", False)])
def test_only_the_borrower_cancels(persona, allowed, request, request_):
    assert request.getfixturevalue(persona).has_perm("equipment.cancel_request", request_) is allowed


@pytest.mark.parametrize(("persona", "allowed"), [("alice", True), ("bob", True), ("charlie", False), ("ed", False)])
def test_only_the_owners_staff_hands_over(persona, allowed, request, request_, alice):
    loan = request_accept(request=request_, by=alice)
    assert request.getfixturevalue(persona).has_perm("equipment.handover", loan) is allowed


@pytest.mark.parametrize(("persona", "allowed"), [("alice", True), ("eve", True), ("bob", False), ("ed", False)])
def test_the_mayor_sets_the_lending_rules(persona, allowed, request, commune_a):
    assert request.getfixturevalue(persona).has_perm("equipment.change_lending_rules", commune_a) is allowed


def test_an_open_need_takes_proposals_from_the_territory(ask, commune_b, charlie, alice, ed, oscar, item):
    need = request_create(
        borrower=commune_b,
        category=item.category,
        start=in_days(7),
        end=in_days(8),
        purpose="Une remorque",
        contact=charlie,
        created_by=charlie,
    )
    assert alice.has_perm("equipment.propose_item", need) and ed.has_perm("equipment.propose_item", need)
    assert not oscar.has_perm("equipment.propose_item", need)
    assert not alice.has_perm("equipment.propose_item", ask())


def test_the_equipment_manager_decides_and_hands_over_for_the_epcis_own_items(ed, epci_a, commune_b, charlie):
    from mutualis.equipment.tests.factories import ItemFactory

    epci_item = ItemFactory(owner=epci_a)
    request_ = request_create(
        borrower=commune_b, item=epci_item, start=in_days(7), end=in_days(9), purpose="Fête",
        contact=charlie, created_by=charlie,
    )  # fmt: skip
    assert ed.has_perm("equipment.decide_request", request_)
    assert ed.has_perm("equipment.handover", request_accept(request=request_, by=ed))
