"""Whom to tell: the people behind an organisation, a service or the coordination.

Services pick their recipients with these, so that "the commune's staff" means the same
people everywhere: the active members holding the role, with an active account."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from mutualis.accounts.models import User
from mutualis.territory.models import COMMUNE_STAFF, Organisation, OrganisationKind, Role, Territory


def _holding(**membership) -> QuerySet[User]:
    filters = {f"memberships__{name}": value for name, value in membership.items()}
    return User.objects.filter(is_active=True, memberships__ended_at__isnull=True, **filters).distinct()


def staff_of(organisation: Organisation | int) -> QuerySet[User]:
    """The mayor (or delegates) and the secretaries: who acts for an organisation."""
    return _holding(organisation=organisation, role__in=COMMUNE_STAFF)


def staff_of_all(organisations: Iterable[Organisation | int]) -> QuerySet[User]:
    return _holding(organisation__in=list(organisations), role__in=COMMUNE_STAFF)


def managers_of(territory: Territory | int, service: str) -> QuerySet[User]:
    """The managers of one service of the territory."""
    return _holding(organisation__territory=territory, role=Role.SERVICE_MANAGER, service=service)


def coordinators_of(territory: Territory | int) -> QuerySet[User]:
    return _holding(organisation__territory=territory, role=Role.COORDINATOR)


def signatories_of(organisations: Iterable[Organisation | int]) -> QuerySet[User]:
    """Who signs for these organisations: the mayor (or president, or delegate) of each, and
    the coordination for the EPCI (as `agreements.sign_for_party` says)."""
    ids = [getattr(organisation, "pk", organisation) for organisation in organisations]
    mayors = Q(memberships__organisation__in=ids, memberships__role=Role.ORG_MANAGER)
    epci = Organisation.objects.filter(pk__in=ids, kind=OrganisationKind.EPCI).values("territory")
    coordination = Q(memberships__organisation__territory__in=epci, memberships__role=Role.COORDINATOR)
    return User.objects.filter(mayors | coordination, is_active=True, memberships__ended_at__isnull=True).distinct()
