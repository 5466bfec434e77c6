from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReplacementConfig(AppConfig):
    name = "mutualis.replacement"
    verbose_name = _("Service de remplacement")

    def ready(self) -> None:
        from mutualis.replacement import permissions  # noqa: F401  (registers the rules)
