"""Who may do what in the replacement service.

The service manager (and the coordination team) keep the pool, the settings and assign agents;
the mayor or secretary of an organisation asks, follows and validates the hours; an agent sees
her own missions and records her hours.
"""

import rules

from mutualis.territory.models import Service
from mutualis.territory.permissions import (
    is_coordinator,
    is_organisation_manager,
    is_organisation_staff,
    is_service_manager,
    is_staff_in_territory,
    is_territory_member,
)
from mutualis.territory.scopes import sees

is_replacement_manager = is_service_manager(Service.REPLACEMENT)
runs_service = is_replacement_manager | is_coordinator


@rules.predicate
def is_the_agent(user, obj) -> bool:
    """The agent herself, on her Agent row or on one of her assignments."""
    agent = getattr(obj, "agent", obj)
    return user.is_authenticated and agent.user_id == user.pk


@rules.predicate
def is_open_request(user, request) -> bool:
    return request.is_open


@rules.predicate
def is_active_assignment(user, assignment) -> bool:
    return assignment.status == "active"


@rules.predicate
def is_submitted(user, timesheet) -> bool:
    return timesheet.can_be_decided


# On the territory.
rules.add_perm("replacement.view_pool", is_territory_member)
rules.add_perm("replacement.manage_pool", runs_service)
rules.add_perm("replacement.view_requests", is_territory_member)
rules.add_perm("replacement.ask", is_staff_in_territory)
rules.add_perm("replacement.view_missions", is_territory_member)
rules.add_perm("replacement.change_settings", runs_service)
rules.add_perm("replacement.view_dashboard", runs_service)
# On an Agent.
# Stricter than the pool list (territory-wide): an agent's page is for the service and herself.
rules.add_perm("replacement.view_agent", runs_service | is_the_agent)
rules.add_perm("replacement.change_agent", runs_service)
# On an Organisation: adhesion and preferred or excluded agents.
rules.add_perm("replacement.adhere", runs_service | is_organisation_manager)
rules.add_perm("replacement.set_preferences", runs_service | is_organisation_staff)
# On a Request.
rules.add_perm("replacement.view_request", sees)
rules.add_perm("replacement.assign", runs_service & is_open_request)
rules.add_perm("replacement.cancel_request", runs_service | is_organisation_staff)
rules.add_perm("replacement.end_request", runs_service)
# On an Assignment.
rules.add_perm("replacement.view_assignment", sees)
rules.add_perm("replacement.record_hours", is_active_assignment & (is_the_agent | runs_service))
# On a Timesheet: the host organisation's mayor or secretary.
rules.add_perm("replacement.decide_timesheet", is_submitted & is_organisation_staff)
