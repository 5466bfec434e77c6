from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    name = "mutualis.calendars"
    verbose_name = _("Calendriers")

    def ready(self) -> None:
        from mutualis.calendars import permissions  # noqa: F401  (registers the rules)

        # Each service declares its feeds in its own `feeds.py` (calendars sits below the services).
        autodiscover_modules("feeds")
