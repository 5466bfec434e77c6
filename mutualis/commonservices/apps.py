from datetime import date

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def users(territory, start: date, end: date) -> set[int]:
    """Who used a service commun in the period (units recorded), besides the adhesions in force."""
    from mutualis.commonservices.models import UnitUse

    uses = UnitUse.objects.filter(service__territory=territory).between(start, end)
    return set(uses.values_list("organisation_id", flat=True))


class CommonServicesConfig(AppConfig):
    name = "mutualis.commonservices"
    verbose_name = _("Services communs")

    def ready(self) -> None:
        from mutualis.agreements import terms
        from mutualis.commonservices import permissions  # noqa: F401  (registers the rules)
        from mutualis.territory.models import Service

        terms.register(Service.COMMON_SERVICES, needs_adhesion=True, used_by=users)
