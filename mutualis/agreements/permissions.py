"""Who may see and act on conventions: the coordination team of the territory drafts, sends
and manages them; the members of the organisations that are party to a convention read it;
each party signs for itself (its mayor, president or delegate; the coordination for the EPCI).
Every member of the territory reads the convention templates; only the coordination edits them."""

import rules

from mutualis.territory.models import Role, Territory
from mutualis.territory.permissions import (
    is_coordinator,
    is_organisation_manager,
    is_organisation_member,
    seats_of,
)
from mutualis.territory.scopes import sees


@rules.predicate
def is_epci_party(user, party) -> bool:
    return party.is_epci


rules.add_perm("agreements.view_convention", sees)
# Create, send, sign a scanned paper convention, end, cancel; checked on a convention
# or, to create one, on the territory.
rules.add_perm("agreements.change_convention", is_coordinator)
rules.add_perm("agreements.view_party", sees)
# Checked on a ConventionParty: its organisation's mayor or delegate, or the coordination for the EPCI.
rules.add_perm("agreements.sign_for_party", is_organisation_manager | (is_epci_party & is_coordinator))
rules.add_perm("agreements.waive_signature", is_coordinator)
rules.add_perm("agreements.view_templates", sees)
rules.add_perm("agreements.manage_templates", is_coordinator)

# Adhesions are known across the territory; an organisation's mayor (or the coordination, for
# any organisation) asks to adhere and withdraws.


@rules.predicate
def is_mayor_for(user, obj) -> bool:
    """Mayor of the organisation concerned; asked about a territory, mayor of one of its organisations."""
    if isinstance(obj, Territory):
        return any(seat.territory_id == obj.pk and seat.role == Role.ORG_MANAGER for seat in seats_of(user))
    return is_organisation_manager(user, obj)


@rules.predicate
def is_open_adhesion(user, adhesion) -> bool:
    return adhesion.end is None


rules.add_perm("agreements.view_adhesion", sees)
# Checked on the territory (the screen) and on the organisation that would adhere.
rules.add_perm("agreements.request_adhesion", is_coordinator | is_mayor_for)
rules.add_perm("agreements.withdraw_adhesion", is_open_adhesion & (is_coordinator | is_organisation_manager))
# The link from an adhesion to its convention: its organisation is party to it.
rules.add_perm("agreements.view_adhesion_convention", is_coordinator | is_organisation_member)
