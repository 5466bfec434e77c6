from datetime import date

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def trained(territory, start: date, end: date) -> set[int]:
    """Open to every organisation without an adhesion: whose agents attended a session during the period."""
    from mutualis.network.models import Enrolment, TrainingSession

    sessions = TrainingSession.objects.filter(territory=territory).held_between(start, end)
    return set(
        Enrolment.objects.filter(session__in=sessions, attended=True).values_list("profile__organisation", flat=True)
    )


class NetworkConfig(AppConfig):
    name = "mutualis.network"
    verbose_name = _("Réseau et formations")

    def ready(self) -> None:
        from mutualis.agreements import terms
        from mutualis.network import permissions  # noqa: F401  (registers the rules)
        from mutualis.territory.models import Service

        terms.register(Service.NETWORK, needs_adhesion=False, used_by=trained)
