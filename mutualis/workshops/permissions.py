"""Who may do what with the digital workshops.

The coordination and the workshops' managers plan, publish and cancel workshops and read the
statistics; the mayor and secretaries of the host commune register a caller and record who
came; inhabitants need no account (the public pages are not guarded: they show published
workshops only, and a registration is reached through its personal token).
"""

import rules

from mutualis.territory.models import Service
from mutualis.territory.permissions import (
    is_coordinator,
    is_organisation_staff,
    is_service_manager,
    is_staff_in_territory,
)
from mutualis.territory.scopes import sees
from mutualis.workshops.models import RegistrationStatus, Status


def in_status(*statuses: str) -> rules.Predicate:
    @rules.predicate(name=f"workshops_in_status:{','.join(statuses)}")
    def predicate(user, session) -> bool:
        return session.status in statuses

    return predicate


@rules.predicate
def is_active_registration(user, registration) -> bool:
    return registration.status != RegistrationStatus.CANCELLED and registration.session.is_open()


is_manager = is_coordinator | is_service_manager(Service.WORKSHOPS)
runs_it = is_manager | is_organisation_staff

# On the territory.
rules.add_perm("workshops.view_sessions", is_manager | is_staff_in_territory)
rules.add_perm("workshops.manage", is_manager)
# On a Series.
rules.add_perm("workshops.change_series", sees & is_manager)
# On a Session.
rules.add_perm("workshops.view_session", sees & runs_it)
rules.add_perm("workshops.publish", in_status(Status.PLANNED) & is_manager)
rules.add_perm("workshops.cancel", in_status(Status.PLANNED, Status.PUBLISHED) & is_manager)
rules.add_perm("workshops.register", in_status(Status.PUBLISHED) & runs_it)
rules.add_perm("workshops.record_attendance", in_status(Status.PUBLISHED, Status.HELD) & runs_it)
# On a Registration: the town hall or the manager cancels for a person who called.
rules.add_perm("workshops.cancel_registration", is_active_registration & runs_it)
