"""Who may do what with shared software and RGPD records.

The catalogue, its users and trainings are read by every member of the territory and run
by the digital service's managers and the coordinators. An organisation's RGPD record and
its training registrations are its own: its members read them, its mayor and secretaries
keep them, and the EPCI's coordinators and digital managers, who help with the RGPD, too.
"""

import rules

from mutualis.territory.models import Role, Service
from mutualis.territory.permissions import (
    is_coordinator,
    is_organisation_member,
    is_organisation_staff,
    is_service_manager,
    seats_of,
    territory_id_of,
)
from mutualis.territory.scopes import sees

is_digital_manager = is_service_manager(Service.DIGITAL)
oversees_digital = is_digital_manager | is_coordinator


@rules.predicate
def is_staff_in_territory(user, obj) -> bool:
    """Mayor or secretary of some organisation of the object's territory."""
    territory_id = territory_id_of(obj)
    return any(
        seat.territory_id == territory_id and seat.role in (Role.ORG_MANAGER, Role.SECRETARY) for seat in seats_of(user)
    )


# On the territory or a Software (and its trainings, users, maintenance costs).
rules.add_perm("digital.view_software", sees)
rules.add_perm("digital.manage_software", oversees_digital)
rules.add_perm("digital.view_dashboard", oversees_digital)
# On a Training: register one's organisation; on a Registration: cancel it.
rules.add_perm("digital.register", is_staff_in_territory | oversees_digital)
rules.add_perm("digital.cancel_registration", is_organisation_staff | oversees_digital)
# On an Organisation or a ProcessingActivity: its RGPD record.
# Not `sees`: on an Organisation it is stricter than the organisation's territory-wide scope.
rules.add_perm("digital.view_record", is_organisation_member | oversees_digital)
rules.add_perm("digital.change_record", is_organisation_staff | oversees_digital)
