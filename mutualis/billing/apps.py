from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "mutualis.billing"
    verbose_name = _("Facturation")

    def ready(self) -> None:
        from mutualis.billing import permissions  # noqa: F401  (registers the rules)
        from mutualis.billing.panels import organisation_charges
        from mutualis.territory import panels

        panels.register("billing/_organisation_charges.html", organisation_charges)
