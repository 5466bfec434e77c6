"""The territory's figures for the coordination and the service managers, by service.

Every indicator is computed once per change of the territory's data (`territory/versions.py`), day
and language, like the home's lists; the next request after any write computes them again."""

from django.apps import apps
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language

from mutualis.core.indicators import Figure
from mutualis.core.indicators import figures as all_figures
from mutualis.core.periods import current_year
from mutualis.territory.access import requires
from mutualis.territory.versions import data_version


def year_figures(territory, year: int) -> list[Figure]:
    today = timezone.localdate().isoformat()
    key = f"figures:{territory.pk}:{data_version(territory.pk)}:{year}:{today}:{get_language()}"
    figures = cache.get(key)
    if figures is None:
        figures = [Figure(figure.key, str(figure.label), figure.value) for figure in all_figures(territory, year)]
        cache.set(key, figures, 24 * 3600)
    return figures


@requires("portal.view_figures")
def figures(request: HttpRequest) -> HttpResponse:
    year = current_year()
    groups: dict[str, list] = {}
    for figure in year_figures(request.territory, year):
        groups.setdefault(figure.key.split(".")[0], []).append(figure)
    # One table per app, titled with the app's name, apps in the order of INSTALLED_APPS.
    sections = [
        (config.verbose_name, config.label, groups[config.label])
        for config in apps.get_app_configs()
        if config.label in groups
    ]
    return render(request, "portal/figures.html", {"sections": sections, "year": year})
