import rules

from mutualis.billing.models import Charge
from mutualis.territory.models import Service
from mutualis.territory.permissions import (
    is_coordinator,
    is_organisation_staff,
    is_service_manager,
    is_territory_member,
)
from mutualis.territory.scopes import sees

is_billing_manager = is_service_manager(Service.BILLING)

rules.add_perm("billing.list_charges", is_territory_member)
rules.add_perm("billing.view_organisation_charges", is_organisation_staff | is_coordinator | is_billing_manager)
rules.add_perm("billing.view_charge", sees)
rules.add_perm("billing.post_charge", is_coordinator | is_billing_manager)
rules.add_perm("billing.cancel_charge", is_coordinator | is_billing_manager)


def sees_charges_of(user, organisation, service: str) -> bool:
    """Whether the user would see a charge of this service to this organisation (a preview of shares)."""
    return sees(user, Charge(territory_id=organisation.territory_id, organisation=organisation, service=service))
