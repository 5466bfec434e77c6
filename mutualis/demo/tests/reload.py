"""Run one part of the demo again on the loaded demo: every loader must leave the same state."""

from collections.abc import Callable

from django.test.utils import override_settings

from mutualis.territory.models import Organisation, OrganisationKind, Territory

Loader = Callable[[Territory, Organisation, dict[str, Organisation]], object]


def load_again(territory: Territory, loader: Loader) -> Territory:
    communes = {o.insee_code: o for o in territory.organisations.filter(kind=OrganisationKind.COMMUNE)}
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        loader(territory, territory.epci(), communes)
    return territory
