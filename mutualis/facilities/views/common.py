from __future__ import annotations

from django.http import HttpRequest

from mutualis.territory.models import Organisation


def owners_for(request: HttpRequest, organisation: Organisation | None = None) -> list[Organisation]:
    """The organisations whose facilities the user handles: the whole territory for the
    expertise cell (the given one first), else the user's own organisation."""
    organisation = organisation or request.membership.organisation
    if not request.user.has_perm("facilities.view_dashboard", request.territory):
        return [organisation]
    others = request.territory.organisations.active().exclude(pk=organisation.pk).order_by("search_name")
    return [organisation, *others]
