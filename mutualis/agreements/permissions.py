"""Who may see and act on conventions: the coordination team of the territory, and the
members of the organisations that are party to a convention (who only read it)."""

import rules

from mutualis.territory.permissions import is_coordinator, is_organisation_member

rules.add_perm("agreements.view_convention", is_coordinator | is_organisation_member)
# Create, send, sign, end, cancel; checked on a convention or, to create one, on the territory.
rules.add_perm("agreements.change_convention", is_coordinator)
rules.add_perm("agreements.manage_templates", is_coordinator)
