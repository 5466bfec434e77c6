from django.apps import AppConfig


class TerritoryConfig(AppConfig):
    name = "mutualis.territory"
