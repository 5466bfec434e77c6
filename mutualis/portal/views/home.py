"""The person's home: where each user starts (docs/architecture.md, "Layers": the portal reads the
services only through registries)."""

from django.apps import apps
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from mutualis.core.indicators import figures
from mutualis.core.periods import current_year
from mutualis.territory.access import requires
from mutualis.territory.models import Role


@requires("territory.view_territory")
def home(request: HttpRequest) -> HttpResponse:
    """Coordinators and service managers see the territory; everyone else lands on their organisation."""
    membership = request.membership
    if membership.role not in (Role.COORDINATOR, Role.SERVICE_MANAGER):
        return redirect("territory:organisation_detail", pk=membership.organisation_id)
    year = current_year()
    groups: dict[str, list] = {}
    for figure in figures(request.territory, year):
        groups.setdefault(figure.key.split(".")[0], []).append(figure)
    # One table per app, titled with the app's name, apps in the order of INSTALLED_APPS.
    sections = [
        (config.verbose_name, config.label, groups[config.label])
        for config in apps.get_app_configs()
        if config.label in groups
    ]
    return render(request, "portal/home.html", {"sections": sections, "year": year})
