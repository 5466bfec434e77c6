"""The billing section of an organisation's page (registered in BillingConfig.ready)."""

from django.http import HttpRequest

from mutualis.billing.models import Charge
from mutualis.territory.models import Organisation


def organisation_charges(request: HttpRequest, organisation: Organisation) -> dict | None:
    if not request.user.has_perm("billing.view_organisation_charges", organisation):
        return None
    charges = Charge.objects.visible_to(request.user).of_organisation(organisation)
    return {"charges": charges.with_list_data()[:10], "charges_total": charges.posted_total()}
