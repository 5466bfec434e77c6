from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "mutualis.core"

    def ready(self) -> None:
        autodiscover_modules("indicators", "worklist")
