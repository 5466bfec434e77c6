"""Figures of action 6 for steering and the annual report; every period is half-open [start, end)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mutualis.core.indicators import indicator
from mutualis.core.received import Received, received
from mutualis.replacement.models import Agent, Assignment, Request, RequestStatus, Timesheet
from mutualis.territory.models import Territory

TENTH = Decimal("0.1")


def missions_meeting(territory: Territory, start: date, end: date):
    """Active missions that took place (or are taking place) over some day of the period."""
    return Assignment.objects.filter(territory=territory).meeting(start, end)


def validated_hours(territory: Territory, start: date, end: date):
    """Validated weeks starting in the period."""
    return Timesheet.objects.validated().filter(assignment__territory=territory, week__gte=start, week__lt=end)


def _percent(part: int | Decimal, whole: int | Decimal) -> Decimal:
    if not whole:
        return Decimal("0.0")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(TENTH, rounding=ROUND_HALF_UP)


@indicator("replacement.organisations_served", _("Organisations ayant bénéficié du service de remplacement"))
def organisations_served(territory: Territory, start: date, end: date) -> int:
    return missions_meeting(territory, start, end).values("organisation_id").distinct().count()


@indicator("replacement.requests_received", _("Demandes de remplacement reçues"))
def requests_received(territory: Territory, start: date, end: date) -> int:
    return Request.objects.filter(territory=territory).received_between(start, end).count()


@indicator("replacement.missions", _("Missions de remplacement"))
def missions(territory: Territory, start: date, end: date) -> int:
    return missions_meeting(territory, start, end).count()


@indicator("replacement.hours", _("Heures de remplacement validées"))
def hours(territory: Territory, start: date, end: date) -> Decimal:
    return validated_hours(territory, start, end).aggregate(total=Sum("hours"))["total"] or Decimal("0")


@indicator("replacement.coverage_rate", _("Taux de couverture des demandes de remplacement (%)"))
def coverage_rate(territory: Territory, start: date, end: date) -> Decimal:
    """Requests received in the period that got an agent, out of those received (cancelled ones left out)."""
    received = Request.objects.filter(territory=territory).received_between(start, end)
    received = received.exclude(status=RequestStatus.CANCELLED)
    return _percent(received.filter(first_assigned_at__isnull=False).count(), received.count())


@indicator("replacement.mean_delay_days", _("Délai moyen avant la première affectation (jours)"))
def mean_delay_days(territory: Territory, start: date, end: date) -> Decimal:
    assigned = (
        Request.objects.filter(territory=territory, first_assigned_at__isnull=False)
        .received_between(start, end)
        .values_list("created_at", "first_assigned_at")
    )
    delays = [(assigned_at - created_at).total_seconds() / 86400 for created_at, assigned_at in assigned]
    if not delays:
        return Decimal("0.0")
    return Decimal(sum(delays) / len(delays)).quantize(TENTH, rounding=ROUND_HALF_UP)


@indicator("replacement.occupation_rate", _("Taux d'occupation des agents de remplacement (%)"))
def occupation_rate(territory: Territory, start: date, end: date) -> Decimal:
    """Validated hours over the working time of the active agents during the period's weeks,
    counted up to today for a period still running (no hours can be validated beyond it)."""
    until = min(end, timezone.localdate() + timedelta(days=1))
    weeks = Decimal(max((until - start).days, 0)) / 7
    capacity = Agent.objects.filter(territory=territory).active().aggregate(total=Sum("working_hours"))["total"]
    return _percent(hours(territory, start, end), (capacity or 0) * weeks)


@received("replacement", _("Remplacement"))
def replaced(organisation, start: date, end: date):
    """Missions for the organisation during the period and their validated hours."""
    count = Assignment.objects.filter(organisation=organisation).meeting(start, end).count()
    yield Received(_("Missions de remplacement"), count, ngettext("mission", "missions", count))
    hours = (
        Timesheet.objects.validated()
        .filter(assignment__organisation=organisation, week__gte=start, week__lt=end)
        .aggregate(total=Sum("hours"))["total"]
    )
    yield Received(_("Heures de remplacement validées"), hours or Decimal("0"), _("h"))
