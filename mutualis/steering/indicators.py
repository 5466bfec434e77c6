"""Figures of the schéma itself; every period is half-open [start, end)."""

from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

from mutualis.agreements import terms
from mutualis.core.indicators import indicator
from mutualis.steering.models import Action, Milestone, MilestoneStatus
from mutualis.territory.models import Territory


@indicator("steering.participating_organisations", _("Organisations participant à au moins une action du schéma"))
def participating_organisations(territory: Territory, start: date, end: date) -> int:
    """Adhering to or using, during the period, a service that an action of a schéma of the period steers."""
    services = set(
        Action.objects.filter(
            scheme__territory=territory,
            scheme__start_year__lte=(end - timedelta(days=1)).year,
            scheme__end_year__gte=start.year,
        )
        .exclude(service="")
        .values_list("service", flat=True)
    )
    return len(set().union(*(terms.participants(territory, service, start, end) for service in services)))


@indicator("steering.milestones_done", _("Échéances du schéma tenues"))
def milestones_done(territory: Territory, start: date, end: date) -> int:
    return Milestone.objects.filter(
        action__scheme__territory=territory, status=MilestoneStatus.DONE, done_on__gte=start, done_on__lt=end
    ).count()
