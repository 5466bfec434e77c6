"""Rules predicates every app builds its permissions from.

A predicate receives the user and the object acted on: a Territory, an Organisation,
or any tenant-owned row with a `territory` (and often an `organisation`) attribute.
The user's active memberships are read once per user object and cached on it.
"""

from __future__ import annotations

from dataclasses import dataclass

import rules

from mutualis.territory.models import COMMUNE_STAFF, Membership, Organisation, Role, Service, Territory


@dataclass(frozen=True)
class Seat:
    organisation_id: int
    territory_id: int
    role: str
    service: str


def seat_of(membership: Membership) -> Seat:
    return Seat(membership.organisation_id, membership.organisation.territory_id, membership.role, membership.service)


def seats_of(user) -> list[Seat]:
    if not user.is_authenticated:
        return []
    if not hasattr(user, "_mutualis_seats"):
        user._mutualis_seats = [
            seat_of(m) for m in Membership.objects.active().filter(user=user).select_related("organisation")
        ]
    return user._mutualis_seats


def territories_of(user) -> set[int]:
    """Ids of the territories where the user holds an active membership."""
    return {seat.territory_id for seat in seats_of(user)}


def forget_seats(user) -> None:
    """Drop the cached memberships after they change."""
    user.__dict__.pop("_mutualis_seats", None)


def territory_id_of(obj) -> int | None:
    if obj is None:
        return None
    if isinstance(obj, Territory):
        return obj.pk
    if isinstance(obj, Organisation):
        return obj.territory_id
    return obj.territory.pk


def organisation_ids_of(obj) -> set[int]:
    """The organisations an object belongs to (its parties, for a convention)."""
    if isinstance(obj, Organisation):
        return {obj.pk}
    if hasattr(obj, "organisation_ids"):
        return set(obj.organisation_ids())
    if getattr(obj, "organisation_id", None):
        return {obj.organisation_id}
    return set()


@rules.predicate
def is_territory_member(user, obj) -> bool:
    territory_id = territory_id_of(obj)
    return any(seat.territory_id == territory_id for seat in seats_of(user))


def has_seat_in_territory(*roles: str) -> rules.Predicate:
    """Holds one of `roles` in some organisation of the object's territory."""

    @rules.predicate(name=f"has_seat_in_territory:{','.join(roles)}")
    def predicate(user, obj) -> bool:
        territory_id = territory_id_of(obj)
        return any(seat.territory_id == territory_id and seat.role in roles for seat in seats_of(user))

    return predicate


is_staff_in_territory = has_seat_in_territory(*COMMUNE_STAFF)  # mayor or secretary somewhere in it


@rules.predicate
def is_coordinator(user, obj) -> bool:
    territory_id = territory_id_of(obj)
    return any(seat.territory_id == territory_id and seat.role == Role.COORDINATOR for seat in seats_of(user))


def is_service_manager(service: Service) -> rules.Predicate:
    @rules.predicate(name=f"is_service_manager:{service}")
    def predicate(user, obj) -> bool:
        territory_id = territory_id_of(obj)
        return any(
            seat.territory_id == territory_id and seat.role == Role.SERVICE_MANAGER and seat.service == service
            for seat in seats_of(user)
        )

    return predicate


def has_role_in_organisation(*roles: str) -> rules.Predicate:
    @rules.predicate(name=f"has_role_in_organisation:{','.join(roles)}")
    def predicate(user, obj) -> bool:
        organisation_ids = organisation_ids_of(obj)
        return any(seat.organisation_id in organisation_ids and seat.role in roles for seat in seats_of(user))

    return predicate


is_organisation_member = has_role_in_organisation(*Role.values)
is_organisation_manager = has_role_in_organisation(Role.ORG_MANAGER)
is_organisation_staff = has_role_in_organisation(*COMMUNE_STAFF)


rules.add_perm("territory.view_territory", is_territory_member)
rules.add_perm("territory.view_organisation", is_territory_member)
rules.add_perm("territory.change_organisation", is_coordinator | is_organisation_staff)
rules.add_perm("territory.change_organisation_identity", is_coordinator)
rules.add_perm("territory.view_organisation_history", is_coordinator | is_organisation_member)
rules.add_perm("territory.manage_sectors", is_coordinator)
rules.add_perm("territory.manage_working_days", is_coordinator)
rules.add_perm("territory.import_organisations", is_coordinator)
rules.add_perm("territory.invite_member", is_coordinator | is_organisation_manager)
rules.add_perm("territory.end_membership", is_coordinator | is_organisation_manager)
rules.add_perm("territory.view_indicators", is_coordinator)
