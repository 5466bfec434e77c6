from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigitalConfig(AppConfig):
    name = "mutualis.digital"
    verbose_name = _("Logiciels partagés et RGPD")

    def ready(self) -> None:
        from mutualis.digital import permissions  # noqa: F401  (registers the rules)
