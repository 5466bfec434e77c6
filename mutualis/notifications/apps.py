from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class NotificationsConfig(AppConfig):
    name = "mutualis.notifications"

    def ready(self) -> None:
        from mutualis.notifications import permissions  # noqa: F401  (registers the rules)

        # Each app declares the events it sends in its own `notifications.py`.
        autodiscover_modules("notifications")
