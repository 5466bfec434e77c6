from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "mutualis.workshops"
    verbose_name = _("Ateliers numériques")

    def ready(self) -> None:
        from mutualis.agreements import terms
        from mutualis.core.periods import within_days
        from mutualis.territory.models import Service
        from mutualis.workshops import notifications, permissions  # noqa: F401  (registers the rules and events)
        from mutualis.workshops.models import Series

        def hosts(territory, start, end) -> set[int]:
            """Open to every commune: those that hosted a workshop during the period."""
            return set(
                Series.objects.filter(
                    territory=territory, **within_days("sessions__starts_at", start, end)
                ).values_list("organisation_id", flat=True)
            )

        terms.register(Service.WORKSHOPS, needs_adhesion=False, used_by=hosts)
