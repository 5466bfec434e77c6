"""The expertise desk on the home: questions to answer (its experts: the coordination and the
managers of the service a question is routed to), answers to rate and questions asked (the
commune's mayor and secretary), articles published lately (see core/worklist.py)."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutualis.core.periods import day_start
from mutualis.core.worklist import Found, Item, asked, found, news, waiting
from mutualis.helpdesk.models import OPEN_STATUSES, Article, Request, Status
from mutualis.territory.models import COMMUNE_STAFF, Role

RECENT = timedelta(days=30)


def _request_item(request: Request) -> Item:
    if request.status == Status.RESOLVED:
        return Item(request.subject, reverse("helpdesk:request_detail", args=[request.pk]), state=_("Répondue"))
    new = request.status == Status.NEW
    return Item(
        request.subject,
        reverse("helpdesk:request_detail", args=[request.pk]),
        request.first_response_due if new else request.resolution_due,
        request.get_status_display(),
        _("première réponse attendue le") if new else _("réponse attendue le"),
    )


def _for_experts(membership, status: str) -> Found | None:
    # Seen by an expert: every request for the coordination, those routed to their service for a manager.
    if membership.role not in (Role.COORDINATOR, Role.SERVICE_MANAGER):
        return None
    rows = (
        Request.objects.visible_to(membership.user)
        .filter(territory=membership.organisation.territory_id, status=status)
        .order_by("first_response_due", "pk")
    )
    return found(rows, _request_item, reverse("helpdesk:request_list") + f"?status={status}")


@waiting("helpdesk.new_questions", gettext_lazy("Nouvelles questions à prendre en charge"))
def new_questions(membership, today: date) -> Found | None:
    return _for_experts(membership, Status.NEW)


@waiting("helpdesk.questions_in_progress", gettext_lazy("Questions en cours, à répondre"))
def questions_in_progress(membership, today: date) -> Found | None:
    return _for_experts(membership, Status.IN_PROGRESS)


@waiting("helpdesk.answers_to_rate", gettext_lazy("Réponses à noter"))
def answers_to_rate(membership, today: date) -> Found | None:
    if membership.role not in COMMUNE_STAFF:
        return None
    rows = Request.objects.visible_to(membership.user).filter(
        organisation=membership.organisation_id, status=Status.RESOLVED, rating__isnull=True
    )
    url = reverse("helpdesk:request_list") + f"?status={Status.RESOLVED}&organisation={membership.organisation_id}"
    return found(rows.order_by("resolved_at", "pk"), _request_item, url)


@asked("helpdesk.my_questions", gettext_lazy("Questions à la cellule d'expertise"))
def my_questions(membership, today: date) -> Found | None:
    if membership.role not in COMMUNE_STAFF:
        return None
    rows = Request.objects.visible_to(membership.user).filter(
        organisation=membership.organisation_id, status__in=OPEN_STATUSES
    )
    url = reverse("helpdesk:request_list") + f"?organisation={membership.organisation_id}"
    return found(rows.order_by("-created_at", "-pk"), _request_item, url)


@news("helpdesk.articles", gettext_lazy("Nouveaux articles de la base de connaissances"))
def articles(membership, today: date) -> Found | None:
    rows = (
        Article.objects.visible_to(membership.user)
        .published()
        .filter(
            territory=membership.organisation.territory_id,
            published_at__gte=day_start(today - RECENT + timedelta(days=1)),
        )
        .order_by("-published_at", "-pk")
    )
    return found(
        rows,
        lambda article: Item(
            article.title,
            reverse("helpdesk:article_detail", args=[article.pk]),
            timezone.localdate(article.published_at),
            when_label=_("publié le"),
        ),
    )
