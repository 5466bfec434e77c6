from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FacilitiesConfig(AppConfig):
    name = "mutualis.facilities"
    verbose_name = _("Équipements sportifs")

    def ready(self) -> None:
        from mutualis.facilities import permissions  # noqa: F401  (registers the rules)
