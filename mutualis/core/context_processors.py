from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from mutualis.core.navigation import breadcrumbs_for, menu_for


def branding(request: HttpRequest) -> dict:
    territory = getattr(request, "territory", None)
    menu = SimpleLazyObject(lambda: menu_for(request))
    return {
        "territory_name": territory.short_name if territory else settings.MUTUALIS_TERRITORY_NAME,
        "territory_colour": territory.colour if territory else settings.MUTUALIS_COLOUR,
        "menu": menu,
        "breadcrumbs": SimpleLazyObject(lambda: breadcrumbs_for(request, menu)),
    }
