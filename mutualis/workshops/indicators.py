"""Figures of the digital workshops for steering and the statistics page; periods are half-open
[start, end). A workshop counts in the year it starts; a person once however many visits."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from mutualis.core.indicators import indicator
from mutualis.core.periods import within_days
from mutualis.territory.models import Territory
from mutualis.workshops.models import Participant, Session, Status, Visit

SENIOR_AGE = 60


def sessions(territory: Territory, start: date, end: date) -> QuerySet:
    return Session.objects.filter(series__territory=territory, **within_days("starts_at", start, end))


def visits(territory: Territory, start: date, end: date) -> QuerySet:
    return Visit.objects.filter(session__series__territory=territory, **within_days("session__starts_at", start, end))


def people(territory: Territory, start: date, end: date) -> QuerySet:
    return Participant.objects.filter(pk__in=visits(territory, start, end).values("participant_id"))


@indicator("workshops.held", _("Ateliers numériques tenus"))
def held(territory: Territory, start: date, end: date) -> int:
    return sessions(territory, start, end).filter(status=Status.HELD).count()


@indicator("workshops.people", _("Personnes accompagnées en atelier numérique"))
def people_helped(territory: Territory, start: date, end: date) -> int:
    return people(territory, start, end).count()


@indicator("workshops.visits", _("Passages en atelier numérique"))
def visit_count(territory: Territory, start: date, end: date) -> int:
    return visits(territory, start, end).count()


@indicator("workshops.communes", _("Communes ayant accueilli un atelier numérique"))
def communes(territory: Territory, start: date, end: date) -> int:
    return sessions(territory, start, end).filter(status=Status.HELD).values("series__organisation").distinct().count()


@indicator("workshops.seniors_share", _("Part des personnes accompagnées âgées de 60 ans et plus (%)"))
def seniors_share(territory: Territory, start: date, end: date) -> Decimal:
    """Among the people whose age was noted."""
    aged = people(territory, start, end).filter(age__isnull=False)
    total = aged.count()
    if not total:
        return Decimal("0.0")
    share = Decimal(100 * aged.filter(age__gte=SENIOR_AGE).count()) / total
    return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
