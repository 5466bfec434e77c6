from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SteeringConfig(AppConfig):
    name = "mutualis.steering"
    verbose_name = _("Pilotage du schéma")

    def ready(self) -> None:
        from mutualis.agreements import terms
        from mutualis.billing import actions
        from mutualis.steering import permissions  # noqa: F401  (registers the rules)
        from mutualis.steering.schedule import launched_action_locks, steering_schedule

        actions.register_schedule(steering_schedule)
        terms.register_withdrawal_lock(launched_action_locks)
