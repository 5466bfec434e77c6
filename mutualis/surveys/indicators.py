"""Figures of the territorial questionnaires; every period is half-open [start, end) in Europe/Paris."""

from datetime import date
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from mutualis.core.indicators import indicator
from mutualis.core.periods import within_days
from mutualis.surveys.models import Invitation, Survey
from mutualis.surveys.results import share
from mutualis.territory.models import Territory


def _between(rows: QuerySet, field: str, start: date, end: date) -> QuerySet:
    return rows.filter(**within_days(field, start, end))


def _invitations(territory: Territory, start: date, end: date) -> QuerySet:
    return _between(Invitation.objects.filter(survey__territory=territory), "sent_at", start, end)


@indicator("surveys.surveys_sent", _("Questionnaires envoyés"))
def surveys_sent(territory: Territory, start: date, end: date) -> int:
    """Surveys with at least one link sent during the period."""
    return Survey.objects.filter(pk__in=_invitations(territory, start, end).values("survey_id")).count()


@indicator("surveys.invitations", _("Personnes invitées à répondre à un questionnaire"))
def invitations(territory: Territory, start: date, end: date) -> int:
    return _invitations(territory, start, end).count()


@indicator("surveys.responses", _("Réponses reçues aux questionnaires"))
def responses(territory: Territory, start: date, end: date) -> int:
    return _between(Invitation.objects.filter(survey__territory=territory), "answered_at", start, end).count()


@indicator("surveys.response_rate", _("Taux de réponse aux questionnaires (%)"))
def response_rate(territory: Territory, start: date, end: date) -> Decimal:
    """Share of the links sent during the period that have been answered (whenever)."""
    sent = _invitations(territory, start, end)
    return share(sent.filter(answered_at__isnull=False).count(), sent.count())
