"""Who may do what with shared equipment.

Nobody decides for another organisation's item: accepting or refusing is the owner's
mayor's (or a secretary's, when the owner allows it). The EPCI's equipment manager acts
as owner for the items the EPCI itself owns, and for those only.
"""

import rules

from mutualis.territory.models import Role, Service
from mutualis.territory.permissions import (
    is_coordinator,
    is_organisation_member,
    is_organisation_staff,
    is_service_manager,
    is_staff_in_territory,
    seats_of,
)
from mutualis.territory.scopes import sees

is_equipment_manager = is_service_manager(Service.EQUIPMENT)


def _has_role_in(user, organisation_id: int | None, *roles: str) -> bool:
    return organisation_id is not None and any(
        seat.organisation_id == organisation_id and seat.role in roles for seat in seats_of(user)
    )


def _manages_equipment_of(user, organisation_id: int | None) -> bool:
    """Equipment manager seated in this very organisation (the EPCI, for its own items)."""
    return any(
        seat.organisation_id == organisation_id
        and seat.role == Role.SERVICE_MANAGER
        and seat.service == Service.EQUIPMENT
        for seat in seats_of(user)
    )


@rules.predicate
def is_owner_staff(user, obj) -> bool:
    """Mayor or secretary of the organisation owning the item (of a loan, a request)."""
    return _has_role_in(user, obj.owner_id, Role.ORG_MANAGER, Role.SECRETARY) or _manages_equipment_of(
        user, obj.owner_id
    )


@rules.predicate
def may_decide_for_owner(user, request) -> bool:
    if not request.can_be_decided:
        return False
    if _has_role_in(user, request.owner_id, Role.ORG_MANAGER) or _manages_equipment_of(user, request.owner_id):
        return True
    rules_of_owner = getattr(request.owner, "lending_rules", None)
    allowed = rules_of_owner is not None and rules_of_owner.secretaries_may_decide
    return allowed and _has_role_in(user, request.owner_id, Role.SECRETARY)


@rules.predicate
def is_borrower_staff(user, obj) -> bool:
    return _has_role_in(user, obj.borrower_id, Role.ORG_MANAGER, Role.SECRETARY)


@rules.predicate
def is_open_need(user, request) -> bool:
    return request.can_receive_proposals


@rules.predicate
def is_organisation_mayor(user, organisation) -> bool:
    return _has_role_in(user, organisation.pk, Role.ORG_MANAGER)


may_manage_items = is_organisation_staff | is_equipment_manager | is_coordinator

# On an Organisation (the owner): declare an item for it.
rules.add_perm("equipment.declare_item", may_manage_items)
# On an Item: edit it, its photos and its unavailabilities; archive it.
rules.add_perm("equipment.change_item", may_manage_items)
rules.add_perm("equipment.view_item", sees)
# On the territory or an item: ask to borrow (the borrower is the user's organisation).
rules.add_perm("equipment.request_item", is_staff_in_territory)
# On a Request.
# Stricter than the scope: the staff who may answer a need open it through need_detail, not here.
rules.add_perm("equipment.view_request", is_organisation_member | is_equipment_manager | is_coordinator)
rules.add_perm("equipment.decide_request", may_decide_for_owner)
rules.add_perm("equipment.cancel_request", is_borrower_staff)
rules.add_perm("equipment.propose_item", is_open_need & (is_staff_in_territory | is_equipment_manager | is_coordinator))
rules.add_perm("equipment.accept_proposal", is_borrower_staff)
# On a Loan.
rules.add_perm("equipment.view_loan", sees)
rules.add_perm("equipment.handover", is_owner_staff)
# On an Organisation: its lending rules are the mayor's to set.
rules.add_perm("equipment.change_lending_rules", is_organisation_mayor | is_coordinator)
# On the territory: its categories.
rules.add_perm("equipment.manage_categories", is_equipment_manager | is_coordinator)
rules.add_perm("equipment.view_dashboard", is_equipment_manager | is_coordinator)
