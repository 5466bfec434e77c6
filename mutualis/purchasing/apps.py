from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PurchasingConfig(AppConfig):
    name = "mutualis.purchasing"
    verbose_name = _("Club Acheteurs et centrale d'achat")

    def ready(self) -> None:
        from mutualis.purchasing import permissions  # noqa: F401  (registers the rules)
