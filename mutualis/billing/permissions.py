import rules

from mutualis.territory.models import Role, Service
from mutualis.territory.permissions import (
    is_coordinator,
    is_organisation_member,
    is_service_manager,
    is_territory_member,
    seats_of,
    territory_id_of,
)


@rules.predicate
def manages_charged_service(user, charge) -> bool:
    """The user manages the service a charge was posted for."""
    return any(
        seat.territory_id == territory_id_of(charge)
        and seat.role == Role.SERVICE_MANAGER
        and seat.service == charge.service
        for seat in seats_of(user)
    )


is_billing_manager = is_service_manager(Service.BILLING)

rules.add_perm("billing.list_charges", is_territory_member)
rules.add_perm("billing.view_organisation_charges", is_organisation_member | is_coordinator | is_billing_manager)
rules.add_perm(
    "billing.view_charge", is_organisation_member | is_coordinator | is_billing_manager | manages_charged_service
)
rules.add_perm("billing.post_charge", is_coordinator | is_billing_manager)
rules.add_perm("billing.cancel_charge", is_coordinator | is_billing_manager)
