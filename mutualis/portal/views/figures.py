"""The territory's figures for the coordination and the service managers, by service."""

from django.apps import apps
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mutualis.core.indicators import figures as all_figures
from mutualis.core.periods import current_year
from mutualis.territory.access import requires


@requires("portal.view_figures")
def figures(request: HttpRequest) -> HttpResponse:
    year = current_year()
    groups: dict[str, list] = {}
    for figure in all_figures(request.territory, year):
        groups.setdefault(figure.key.split(".")[0], []).append(figure)
    # One table per app, titled with the app's name, apps in the order of INSTALLED_APPS.
    sections = [
        (config.verbose_name, config.label, groups[config.label])
        for config in apps.get_app_configs()
        if config.label in groups
    ]
    return render(request, "portal/figures.html", {"sections": sections, "year": year})
