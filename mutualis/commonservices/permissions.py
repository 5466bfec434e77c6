"""Who may do what with the services communs.

Every member of the territory browses the catalogue. A mayor asks to join for the commune (the
coordination for any member); mayors and secretaries state its expected volume and read its
statement. The coordination and the services communs' managers run the services: catalogue, cost
sheets, units, calls and settlement. The ad hoc commission's members, with them, follow the services.
"""

import rules

from mutualis.commonservices.models import CommissionMember
from mutualis.territory.models import Role, Service
from mutualis.territory.permissions import (
    has_seat_in_territory,
    is_coordinator,
    is_organisation_manager,
    is_organisation_staff,
    is_service_manager,
    is_staff_in_territory,
    is_territory_member,
    territory_id_of,
)
from mutualis.territory.scopes import sees


@rules.predicate
def is_commission_member(user, obj) -> bool:
    return CommissionMember.objects.filter(territory_id=territory_id_of(obj), user_id=user.pk).exists()


@rules.predicate
def is_open(user, service) -> bool:
    return service.active


is_manager = is_coordinator | is_service_manager(Service.COMMON_SERVICES)
is_mayor_in_territory = has_seat_in_territory(Role.ORG_MANAGER)

# On the territory.
rules.add_perm("commonservices.view_catalogue", is_territory_member)
rules.add_perm("commonservices.manage", is_manager)
rules.add_perm("commonservices.view_commission", is_manager | is_commission_member)
# On a CommonService.
rules.add_perm("commonservices.view_service", sees)
rules.add_perm("commonservices.change_service", is_manager)
rules.add_perm("commonservices.join", is_open & (is_manager | is_mayor_in_territory))
rules.add_perm("commonservices.state_volume", is_manager | is_staff_in_territory)
rules.add_perm("commonservices.follow", is_manager | is_commission_member)
# On a CostSheet / CostLine.
rules.add_perm("commonservices.view_costs", sees)
rules.add_perm("commonservices.change_costs", is_manager)
# On an Organisation: whom one may join for, state volumes for, and whose statement one reads.
rules.add_perm("commonservices.join_for", is_manager | is_organisation_manager)
rules.add_perm("commonservices.state_volume_for", is_manager | is_organisation_staff)
rules.add_perm(
    "commonservices.view_statement", is_manager | is_service_manager(Service.BILLING) | is_organisation_staff
)
# On a CommissionMeeting (its minutes).
rules.add_perm("commonservices.view_meeting", is_manager | is_commission_member)
