from datetime import date

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def applicants(territory, start: date, end: date) -> set[int]:
    """Open to every commune without an adhesion: who filed an application during the period."""
    from mutualis.grants.models import Application

    return set(
        Application.objects.filter(territory=territory)
        .filed_between(start, end)
        .values_list("organisation_id", flat=True)
    )


class GrantsConfig(AppConfig):
    name = "mutualis.grants"
    verbose_name = _("Fonds de concours")

    def ready(self) -> None:
        from mutualis.agreements import terms
        from mutualis.grants import permissions  # noqa: F401  (registers the rules)
        from mutualis.territory.models import Service

        terms.register(Service.GRANTS, needs_adhesion=False, used_by=applicants)
