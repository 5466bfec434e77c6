"""Who may do what with sports facilities.

A commune keeps its own inventory and register; the expertise cell (the EPCI's coordinators
and the expertise desk's managers) sees and inspects every facility of the territory. Nothing
is shared between communes.
"""

import rules

from mutualis.territory.models import Service
from mutualis.territory.permissions import (
    is_coordinator,
    is_organisation_staff,
    is_service_manager,
    is_territory_member,
)
from mutualis.territory.scopes import sees

is_expertise_cell = is_coordinator | is_service_manager(Service.HELPDESK)

# On an Organisation (the owner): inventory a facility for it.
rules.add_perm("facilities.declare_facility", is_organisation_staff | is_expertise_cell)
# On a Facility.
rules.add_perm("facilities.view_facility", sees)
rules.add_perm("facilities.change_facility", is_organisation_staff | is_expertise_cell)
# The operator checks its own equipment (R322-25) and the cell inspects for it.
rules.add_perm("facilities.inspect_facility", is_organisation_staff | is_expertise_cell)
# On an Inspection.
rules.add_perm("facilities.view_inspection", sees)
# On an InspectionPlan.
rules.add_perm("facilities.change_plan", is_organisation_staff | is_expertise_cell)
# On the territory.
rules.add_perm("facilities.view_facilities", is_territory_member)
rules.add_perm("facilities.view_dashboard", is_expertise_cell)
