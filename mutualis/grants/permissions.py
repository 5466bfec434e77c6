"""Who may do what with the fonds de concours.

A commune's mayor and secretaries file and follow its applications; the coordination and the
fonds de concours' managers set the year's rules, instruct, decide and pay. Every member of the
territory may read the rules.
"""

import rules

from mutualis.grants.models import EDITABLE, Status
from mutualis.territory.models import Service
from mutualis.territory.permissions import (
    is_coordinator,
    is_organisation_staff,
    is_service_manager,
    is_staff_in_territory,
    is_territory_member,
)
from mutualis.territory.scopes import sees


def in_status(*statuses: str) -> rules.Predicate:
    @rules.predicate(name=f"in_status:{','.join(statuses)}")
    def predicate(user, application) -> bool:
        return application.status in statuses

    return predicate


@rules.predicate
def is_decided(user, application) -> bool:
    return application.decided_on is not None


is_manager = is_coordinator | is_service_manager(Service.GRANTS)

# On the territory.
rules.add_perm("grants.view_rules", is_territory_member)
rules.add_perm("grants.view_applications", is_manager | is_staff_in_territory)
rules.add_perm("grants.apply", is_staff_in_territory)
rules.add_perm("grants.manage", is_manager)
# On an Organisation: whom one may file for.
rules.add_perm("grants.file_for", is_organisation_staff)
# On an Application (and its documents, seen with it).
rules.add_perm("grants.view_application", sees)
rules.add_perm("grants.change_application", in_status(*EDITABLE) & is_organisation_staff)
rules.add_perm("grants.submit_application", in_status(Status.DRAFT) & is_organisation_staff)
rules.add_perm("grants.withdraw_application", in_status(*EDITABLE, Status.SUBMITTED) & is_organisation_staff)
rules.add_perm(
    "grants.add_document",
    in_status(*EDITABLE, Status.SUBMITTED, Status.SCHEDULED, Status.GRANTED) & (is_organisation_staff | is_manager),
)
rules.add_perm("grants.post_message", ~in_status(Status.DRAFT) & (is_organisation_staff | is_manager))
rules.add_perm("grants.instruct", in_status(Status.SUBMITTED, Status.INCOMPLETE, Status.SCHEDULED) & is_manager)
rules.add_perm("grants.decide", in_status(Status.SCHEDULED) & is_manager)
rules.add_perm("grants.pay", in_status(Status.GRANTED) & is_manager)
rules.add_perm("grants.view_letter", is_decided & sees)
