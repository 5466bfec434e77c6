from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "mutualis.surveys"
    verbose_name = _("Questionnaires territoriaux")

    def ready(self) -> None:
        from mutualis.surveys import permissions  # noqa: F401  (registers the rules)
