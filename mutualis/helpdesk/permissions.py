"""Who may do what at the expertise desk.

The experts of a request are the territory's coordinators and the managers of the service its
topic is routed to (the expertise desk, digital, prevention…). The asking organisation's members
follow its requests; its mayor or secretary ask, rate and cancel.
"""

import rules

from mutualis.territory.models import Role, Service
from mutualis.territory.permissions import (
    is_coordinator,
    is_organisation_staff,
    is_service_manager,
    is_staff_in_territory,
    is_territory_member,
    seats_of,
    territory_id_of,
)
from mutualis.territory.scopes import sees


@rules.predicate
def is_routed_expert(user, obj) -> bool:
    """Manager, in the object's territory, of the service the request (or its part) is routed to."""
    territory_id = territory_id_of(obj)
    return any(
        seat.territory_id == territory_id and seat.role == Role.SERVICE_MANAGER and seat.service == obj.service
        for seat in seats_of(user)
    )


@rules.predicate
def is_open(user, request) -> bool:
    return request.is_open


@rules.predicate
def accepts_messages(user, request) -> bool:
    return request.is_open or request.status == "resolved"


@rules.predicate
def can_be_rated(user, request) -> bool:
    return request.can_be_rated


@rules.predicate
def can_be_cancelled(user, request) -> bool:
    return request.is_open


@rules.predicate
def is_answered(user, request) -> bool:
    return request.is_answered


is_expert = is_coordinator | is_routed_expert
# The managers of the services that answer questions by default (see models.DEFAULT_SERVICE).
is_desk_manager = (
    is_service_manager(Service.HELPDESK) | is_service_manager(Service.DIGITAL) | is_service_manager(Service.PREVENTION)
)

# On the territory.
rules.add_perm("helpdesk.ask", is_staff_in_territory)
rules.add_perm("helpdesk.view_requests", is_territory_member)
rules.add_perm("helpdesk.view_knowledge_base", is_territory_member)
rules.add_perm("helpdesk.manage_settings", is_coordinator)
rules.add_perm("helpdesk.view_dashboard", is_coordinator | is_desk_manager)
# On a Request (and an Attachment, seen with its request).
rules.add_perm("helpdesk.view_request", sees)
rules.add_perm("helpdesk.post_message", accepts_messages & (is_organisation_staff | is_expert))
rules.add_perm("helpdesk.record_time", accepts_messages & is_expert)
rules.add_perm("helpdesk.resolve", is_open & is_expert)
rules.add_perm("helpdesk.rate", can_be_rated & is_organisation_staff)
rules.add_perm("helpdesk.cancel", can_be_cancelled & is_organisation_staff)
rules.add_perm("helpdesk.draft_article", is_answered & is_coordinator)
# On an Article.
rules.add_perm("helpdesk.view_article", sees)
rules.add_perm("helpdesk.change_article", is_coordinator)
