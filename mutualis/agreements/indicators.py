from datetime import date

from django.utils.translation import gettext_lazy as _

from mutualis.agreements.models import Convention, Status
from mutualis.core.indicators import indicator
from mutualis.territory.models import Territory


@indicator("agreements.signed_conventions", _("Conventions signées sur la période"))
def signed_conventions(territory: Territory, start: date, end: date) -> int:
    return Convention.objects.filter(territory=territory).signed_between(start, end).count()


@indicator("agreements.conventions_in_force", _("Conventions en vigueur sur la période"))
def conventions_in_force(territory: Territory, start: date, end: date) -> int:
    """Conventions signed before the period ends, whose own period meets it, not ended before it starts."""
    return (
        Convention.objects.filter(territory=territory, status__in=[Status.SIGNED, Status.ENDED], signed_on__lt=end)
        .during(start, end)
        .exclude(ended_on__lte=start)
        .count()
    )
