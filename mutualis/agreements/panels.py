"""The conventions section of an organisation's page (registered in AgreementsConfig.ready)."""

from django.http import HttpRequest

from mutualis.agreements.models import Convention
from mutualis.territory.models import Organisation


def organisation_conventions(request: HttpRequest, organisation: Organisation) -> dict:
    conventions = Convention.objects.visible_to(request.user).for_organisation(organisation)
    return {"conventions": conventions.with_list_data()[:20]}
