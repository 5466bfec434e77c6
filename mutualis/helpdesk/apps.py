from datetime import date
from decimal import Decimal

from django.apps import AppConfig
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _


def askers(territory, start: date, end: date) -> set[int]:
    """Open to every member without an adhesion: who asked the expertise desk a question received
    during the period (questions routed to another service count for that service)."""
    from mutualis.helpdesk.models import Request
    from mutualis.territory.models import Service

    requests = Request.objects.filter(territory=territory, service=Service.HELPDESK).created_between(start, end)
    return set(requests.values_list("organisation_id", flat=True))


def hours(territory, start: date, end: date) -> dict[int, Decimal]:
    """Billable hours the desk spent in [start, end), per organisation that asked: what a service
    commun billing the expertise cell reads (`core.workunits`)."""
    from mutualis.helpdesk.models import TimeEntry

    entries = TimeEntry.objects.billable().filter(request__territory=territory, day__gte=start, day__lt=end)
    totals = entries.order_by().values("request__organisation_id").annotate(minutes=Sum("minutes"))
    return {row["request__organisation_id"]: Decimal(row["minutes"]) / 60 for row in totals}


class HelpdeskConfig(AppConfig):
    name = "mutualis.helpdesk"
    verbose_name = _("Cellule d'expertise")

    def ready(self) -> None:
        from mutualis.agreements import terms
        from mutualis.core import workunits
        from mutualis.helpdesk import permissions  # noqa: F401  (registers the rules)
        from mutualis.territory.models import Service

        terms.register(Service.HELPDESK, needs_adhesion=False, used_by=askers)
        workunits.register("helpdesk.hours", _("Heures facturables de la cellule d'expertise"), hours)
