from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EquipmentConfig(AppConfig):
    name = "mutualis.equipment"
    verbose_name = _("Matériel partagé")

    def ready(self) -> None:
        from mutualis.equipment import permissions  # noqa: F401  (registers the rules)
