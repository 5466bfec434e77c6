from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SteeringConfig(AppConfig):
    name = "mutualis.steering"
    verbose_name = _("Pilotage du schéma")
