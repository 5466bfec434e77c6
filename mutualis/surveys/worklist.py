"""Questionnaires on the home: those the person was invited to answer (through the membership
they act with), results published lately (see core/worklist.py)."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutualis.core.periods import day_start
from mutualis.core.worklist import Found, Item, found, news, waiting
from mutualis.surveys.models import Invitation, Survey, SurveyStatus

RECENT = timedelta(days=30)


@waiting("surveys.to_answer", gettext_lazy("Questionnaires à remplir"))
def to_answer(membership, today: date) -> Found | None:
    # The person's own invitations: read by who they are, not through the coordination's scope.
    rows = (
        Invitation.objects.filter(membership=membership, answered_at__isnull=True, survey__status=SurveyStatus.OPEN)
        .select_related("survey")
        .order_by("survey__closes_on", "pk")
    )
    return found(
        rows,
        lambda invitation: Item(
            invitation.survey.title,
            reverse("surveys:answer", args=[invitation.token]),
            invitation.survey.closes_on,
            invitation.survey.get_status_display(),
            _("à remplir avant le"),
        ),
    )


@news("surveys.results", gettext_lazy("Résultats de questionnaires publiés"))
def results(membership, today: date) -> Found | None:
    rows = (
        Survey.objects.visible_to(membership.user)
        .filter(territory=membership.organisation.territory_id, status=SurveyStatus.CLOSED)
        .filter(closed_at__gte=day_start(today - RECENT + timedelta(days=1)))
        .order_by("-closed_at", "-pk")
    )
    return found(
        rows,
        lambda survey: Item(
            survey.title,
            reverse("surveys:survey_results", args=[survey.pk]),
            timezone.localdate(survey.closed_at),
            when_label=_("clos le"),
        ),
    )
