"""Figures of the schéma itself; every period is half-open [start, end)."""

from datetime import date

from django.utils.translation import gettext_lazy as _

from mutualis.core.indicators import indicator
from mutualis.steering.models import Milestone, MilestoneStatus, Participation
from mutualis.territory.models import Territory


@indicator("steering.participating_organisations", _("Organisations participant à au moins une action du schéma"))
def participating_organisations(territory: Territory, start: date, end: date) -> int:
    participations = Participation.objects.filter(action__scheme__territory=territory).during(start, end)
    return participations.values("organisation").distinct().count()


@indicator("steering.milestones_done", _("Échéances du schéma tenues"))
def milestones_done(territory: Territory, start: date, end: date) -> int:
    return Milestone.objects.filter(
        action__scheme__territory=territory, status=MilestoneStatus.DONE, done_on__gte=start, done_on__lt=end
    ).count()
