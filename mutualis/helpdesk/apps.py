from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpdeskConfig(AppConfig):
    name = "mutualis.helpdesk"
    verbose_name = _("Cellule d'expertise")

    def ready(self) -> None:
        from mutualis.helpdesk import permissions  # noqa: F401  (registers the rules)
