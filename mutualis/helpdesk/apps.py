from datetime import date

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def askers(territory, start: date, end: date) -> set[int]:
    """Open to every member without an adhesion: who asked the expertise desk a question received
    during the period (questions routed to another service count for that service)."""
    from mutualis.helpdesk.models import Request
    from mutualis.territory.models import Service

    requests = Request.objects.filter(territory=territory, service=Service.HELPDESK).created_between(start, end)
    return set(requests.values_list("organisation_id", flat=True))


class HelpdeskConfig(AppConfig):
    name = "mutualis.helpdesk"
    verbose_name = _("Cellule d'expertise")

    def ready(self) -> None:
        from mutualis.agreements import terms
        from mutualis.helpdesk import permissions  # noqa: F401  (registers the rules)
        from mutualis.territory.models import Service

        terms.register(Service.HELPDESK, needs_adhesion=False, used_by=askers)
