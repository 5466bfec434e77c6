from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigitalConfig(AppConfig):
    name = "mutualis.digital"
    verbose_name = _("Logiciels partagés et RGPD")

    def ready(self) -> None:
        from mutualis.agreements import terms
        from mutualis.digital import permissions  # noqa: F401  (registers the rules)
        from mutualis.territory.models import Service

        # Using a shared software needs an adhesion (the software as subject), which
        # `terms.participants` counts; its trainings are sessions of the network's module.
        terms.register(Service.DIGITAL, needs_adhesion=True)
