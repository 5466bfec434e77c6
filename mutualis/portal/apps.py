from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "mutualis.portal"
    verbose_name = _("Accueil")

    def ready(self) -> None:
        from mutualis.portal import permissions  # noqa: F401  (registers the rules)
        from mutualis.portal.views.account import account_panel
        from mutualis.territory import panels

        panels.register("portal/_account_link.html", account_panel)
