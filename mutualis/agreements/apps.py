from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "mutualis.agreements"
    verbose_name = _("Conventions")

    def ready(self) -> None:
        from mutualis.agreements import permissions  # noqa: F401  (registers the rules)
        from mutualis.agreements.panels import organisation_conventions
        from mutualis.territory import panels

        panels.register("agreements/_organisation_conventions.html", organisation_conventions)
