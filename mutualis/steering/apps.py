from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SteeringConfig(AppConfig):
    name = "mutualis.steering"
    verbose_name = _("Pilotage du schéma")

    def ready(self) -> None:
        from mutualis.steering import permissions  # noqa: F401  (registers the rules)
