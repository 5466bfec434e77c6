"""Who may do what with shared software and RGPD records.

The catalogue and its users are read by every member of the territory and run by the digital
service's managers and the coordinators. An organisation's RGPD record is its own: its members
read it, its mayor and secretaries keep it, and the EPCI's coordinators and digital managers,
who help with the RGPD, too.
"""

import rules

from mutualis.territory.models import Service
from mutualis.territory.permissions import (
    is_coordinator,
    is_organisation_member,
    is_organisation_staff,
    is_service_manager,
)
from mutualis.territory.scopes import sees

is_digital_manager = is_service_manager(Service.DIGITAL)
oversees_digital = is_digital_manager | is_coordinator


# On the territory or a Software (and its users, maintenance costs).
rules.add_perm("digital.view_software", sees)
rules.add_perm("digital.manage_software", oversees_digital)
rules.add_perm("digital.view_dashboard", oversees_digital)
# On an Organisation or a ProcessingActivity: its RGPD record.
# Not `sees`: on an Organisation it is stricter than the organisation's territory-wide scope.
rules.add_perm("digital.view_record", is_organisation_member | oversees_digital)
rules.add_perm("digital.change_record", is_organisation_staff | oversees_digital)
