"""Who may do what with the schéma: every member of the territory reads it; the coordination team
(Direction Pilotage et Coordination) records it, follows it and produces the annual report."""

import rules

from mutualis.territory.permissions import is_coordinator
from mutualis.territory.scopes import sees

rules.add_perm("steering.view_scheme", sees)
rules.add_perm("steering.manage_scheme", is_coordinator)
rules.add_perm("steering.make_report", is_coordinator)
