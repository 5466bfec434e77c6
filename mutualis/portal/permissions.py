"""Who sees the territory's figures: the coordination and the service managers."""

import rules

from mutualis.territory.models import Role
from mutualis.territory.permissions import is_coordinator, seats_of, territory_id_of


@rules.predicate
def is_a_service_manager(user, obj) -> bool:
    territory_id = territory_id_of(obj)
    return any(seat.territory_id == territory_id and seat.role == Role.SERVICE_MANAGER for seat in seats_of(user))


rules.add_perm("portal.view_figures", is_coordinator | is_a_service_manager)
