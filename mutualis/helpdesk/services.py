"""Writes of the expertise desk: routing settings, requests, the message thread, time and
billing, resolution and rating, knowledge-base articles.

Deadlines are fixed when the request is made, from the routing rule then in force, in working
days (the territory's public holidays and closed days excluded, see `Territory.working_calendar`).
Each message is emailed to the other side. Billable time is billed when recorded, one charge per
time entry at the hourly rate in force on its day, through `billing.services.charge_post`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from mutualis.accounts.models import User
from mutualis.billing.services import charge_post
from mutualis.helpdesk.models import (
    DEFAULT_SERVICE,
    MAX_ATTACHMENTS,
    Article,
    ArticleStatus,
    Attachment,
    HourlyRate,
    Message,
    Request,
    RoutingRule,
    Status,
    TimeEntry,
    Topic,
)
from mutualis.notifications.people import coordinators_of, managers_of
from mutualis.notifications.services import notify
from mutualis.territory.models import Organisation, Service, Territory

# ---------------------------------------------------------------- settings


@transaction.atomic
def routing_rules_for(territory: Territory) -> QuerySet[RoutingRule]:
    """One rule per topic; missing ones are created with the default service and deadlines."""
    existing = set(RoutingRule.objects.filter(territory=territory).values_list("topic", flat=True))
    RoutingRule.objects.bulk_create(
        RoutingRule(territory=territory, topic=topic, service=DEFAULT_SERVICE.get(topic, Service.HELPDESK))
        for topic in Topic
        if topic not in existing
    )
    return RoutingRule.objects.filter(territory=territory).order_by("pk")


@transaction.atomic
def routing_rules_save(*, rules: Iterable[RoutingRule], by: User) -> None:
    """Save the coordinator's changes to the routing rules together, each change recorded as hers."""
    for rule in rules:
        rule._history_user = by
        rule.save()


@transaction.atomic
def hourly_rate_set(*, territory: Territory, valid_from: date, rate: Decimal, by: User) -> HourlyRate:
    """Set the hourly rate from a date on; a rate set again for the same date replaces it."""
    if rate < 0:
        raise ValidationError({"rate": _("Le tarif ne peut pas être négatif.")})
    hourly_rate = HourlyRate.objects.filter(territory=territory, valid_from=valid_from).first() or HourlyRate(
        territory=territory, valid_from=valid_from
    )
    hourly_rate.rate = rate
    hourly_rate._history_user = by
    hourly_rate.save()
    return hourly_rate


# ---------------------------------------------------------------- mail


def experts(request: Request) -> QuerySet[User]:
    """The managers of the routed service; the coordinators when the service has none."""
    managers = managers_of(request.territory_id, request.service)
    return managers if managers.exists() else coordinators_of(request.territory_id)


def askers(request: Request) -> list[User]:
    """Whoever asked, and the organisation's members who wrote in the thread."""
    authors = User.objects.filter(pk__in=request.messages.filter(from_expert=False).values("author"))
    return [request.created_by, *authors]


def _tell(event: str, request: Request, recipients: Iterable[User], by: User, **context) -> None:
    context = {"organisation": request.organisation.name, "subject": request.subject, **context}
    url = reverse("helpdesk:request_detail", args=[request.pk])
    notify(event, recipients=recipients, context=context, url=url, territory=request.territory_id, exclude=by)


def _day(value: date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


# ---------------------------------------------------------------- requests


@transaction.atomic
def request_create(
    *,
    organisation: Organisation,
    topic: str,
    subject: str,
    question: str,
    by: User,
    wished_on: date | None = None,
    attachments: Sequence[UploadedFile] = (),
    received_on: date | None = None,
) -> Request:
    """Ask the expertise desk; the request goes to the service the topic is routed to.

    `received_on` is the day the question reached the desk, today unless it is typed in later
    (a question asked on the phone); the deadlines count from it."""
    if len(attachments) > MAX_ATTACHMENTS:
        raise ValidationError({"attachments": _("%(max)d pièces jointes au plus.") % {"max": MAX_ATTACHMENTS}})
    today = timezone.localdate()
    received_on = received_on or today
    if received_on > today:
        raise ValidationError({"received_on": _("Cette date est dans le futur.")})
    if wished_on is not None and wished_on < today:
        raise ValidationError({"wished_on": _("Cette date est déjà passée.")})
    rule = routing_rules_for(organisation.territory).get(topic=topic)
    calendar = organisation.territory.working_calendar()
    request = Request(
        territory_id=organisation.territory_id,
        organisation=organisation,
        topic=topic,
        service=rule.service,
        subject=subject.strip(),
        question=question.strip(),
        wished_on=wished_on,
        created_by=by,
        created_on=received_on,
        first_response_due=calendar.add_working_days(received_on, rule.first_response_days),
        resolution_due=calendar.add_working_days(received_on, rule.resolution_days),
    )
    request.full_clean()
    request._history_user = by
    request.save()
    for upload in attachments:
        attachment = Attachment(request=request, file=upload, name=upload.name[:200], uploaded_by=by)
        attachment.full_clean()
        attachment.save()
    _tell(
        "helpdesk.request_created",
        request,
        experts(request),
        by,
        topic=request.get_topic_display(),
        question=request.question,
        first_response_due=_day(request.first_response_due),
    )
    return request


def _lock(request: Request) -> Request:
    return Request.objects.select_for_update().get(pk=request.pk)


def _move(request: Request, status: str, by: User, **fields) -> Request:
    if not request.can_become(status):
        raise ValidationError(
            _("Une sollicitation « %(current)s » ne peut pas passer à « %(next)s ».")
            % {"current": request.get_status_display(), "next": Status(status).label}
        )
    request.status = status
    for name, value in fields.items():
        setattr(request, name, value)
    request._history_user = by
    request.save(update_fields=["status", *fields])
    return request


@transaction.atomic
def message_post(*, request: Request, author: User, body: str, from_expert: bool) -> Message:
    """Add a message to the thread and email the other side.

    The expert's first message is the first response (the deadline's clock stops) and puts a new
    request in progress; the commune's message on an answered request reopens it."""
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Écrivez votre message.")})
    request = _lock(request)
    if not (request.is_open or request.status == Status.RESOLVED):
        raise ValidationError(_("Cette sollicitation est close."))
    now = timezone.now()
    message = Message(request=request, author=author, from_expert=from_expert, body=body, created_at=now)
    message._history_user = author
    message.save()
    if from_expert:
        if request.first_response_at is None:
            request.first_response_at = now
            request.save(update_fields=["first_response_at"])
        if request.status == Status.NEW:
            _move(request, Status.IN_PROGRESS, author)
        _tell("helpdesk.expert_message", request, askers(request), author, author=author, message=body)
    else:
        if request.status == Status.RESOLVED:
            _move(request, Status.IN_PROGRESS, author, resolved_at=None)
        _tell("helpdesk.commune_message", request, experts(request), author, author=author, message=body)
    return message


@transaction.atomic
def time_record(
    *, request: Request, expert: User, minutes: int, billable: bool, day: date | None = None, note: str = ""
) -> TimeEntry:
    """Record time spent on a request; billable time is billed to the asking organisation at once."""
    day = day or timezone.localdate()
    if minutes < 15 or minutes % 15:
        raise ValidationError({"minutes": _("Saisissez la durée par quarts d'heure (15, 30, 45, 60…).")})
    if day > timezone.localdate():
        raise ValidationError({"day": _("Cette date est dans le futur.")})
    request = _lock(request)
    if request.status in (Status.CLOSED, Status.CANCELLED):
        raise ValidationError(_("Cette sollicitation est close."))
    rate = HourlyRate.objects.in_force(request.territory, day)
    if billable and rate is None:
        raise ValidationError(
            {"billable": _("Aucun tarif horaire n'est en vigueur à cette date : la coordination doit le fixer.")}
        )
    entry = TimeEntry(request=request, expert=expert, day=day, minutes=minutes, billable=billable, note=note.strip())
    entry._history_user = expert
    entry.save()
    if billable:
        hours = (Decimal(minutes) / 60).quantize(Decimal("0.01"))
        with translation.override(settings.LANGUAGE_CODE):
            label = _("Expertise « %(subject)s » : %(minutes)d min le %(day)s") % {
                "subject": request.subject[:120],
                "minutes": minutes,
                "day": _day(day),
            }
        charge_post(
            organisation=request.organisation,
            service=request.service,
            label=label,
            quantity=hours,
            unit_price=rate.rate,
            date=day,
            source=entry,
            created_by=expert,
        )
    return entry


@transaction.atomic
def request_resolve(*, request: Request, by: User) -> Request:
    """The expert has answered: the commune is invited to rate the answer."""
    request = _lock(request)
    if not request.messages.filter(from_expert=True).exists():
        raise ValidationError(_("Écrivez votre réponse dans la conversation avant de clore la sollicitation."))
    _move(request, Status.RESOLVED, by, resolved_at=timezone.now())
    _tell("helpdesk.request_resolved", request, askers(request), by)
    return request


@transaction.atomic
def request_rate(*, request: Request, rating: int, comment: str, by: User) -> Request:
    """The commune rates the answer (1 to 5), once; the request is then closed."""
    if rating not in range(1, 6):
        raise ValidationError({"rating": _("Choisissez une note de 1 à 5.")})
    request = _lock(request)
    if request.rating is not None:
        raise ValidationError(_("Cette réponse est déjà notée."))
    _move(
        request, Status.CLOSED, by, rating=rating, rating_comment=comment.strip(), rated_at=timezone.now(), rated_by=by
    )
    _tell("helpdesk.request_rated", request, experts(request), by, rating=rating, comment=request.rating_comment)
    return request


@transaction.atomic
def request_cancel(*, request: Request, by: User) -> Request:
    request = _lock(request)
    _move(request, Status.CANCELLED, by)
    _tell("helpdesk.request_cancelled", request, experts(request), by)
    return request


# ---------------------------------------------------------------- knowledge base


def _replace_words(text: str, names: Iterable[str], neutral: str, flags: int = 0) -> str:
    for name in sorted({n.strip() for n in names if len(n.strip()) >= 3}, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(name)}\b", neutral, text, flags=flags)
    return text


def anonymised(request: Request, text: str) -> str:
    """The text with the organisation's name and the names of its people and of the thread's
    authors replaced by neutral words; the coordinator still reads it before publishing."""
    people = User.objects.filter(memberships__organisation=request.organisation) | User.objects.filter(
        pk__in=[request.created_by_id, *request.messages.values_list("author_id", flat=True)]
    )
    names = []
    for first_name, last_name in people.distinct().values_list("first_name", "last_name"):
        names += [f"{first_name} {last_name}", f"{last_name} {first_name}", first_name, last_name]
    text = _replace_words(text, [request.organisation.name], _("la commune"), re.IGNORECASE)
    # Case-sensitive: "Petit" the person, not "petit" the word.
    return _replace_words(text, names, _("[nom]"))


@transaction.atomic
def article_draft(*, request: Request, by: User) -> Article:
    """Start an article from an answered request: the question and the expert's answers, anonymised."""
    if not request.is_answered:
        raise ValidationError(_("Seule une sollicitation répondue peut devenir un article."))
    answers = [m.body for m in request.messages.filter(from_expert=True).order_by("created_at", "pk")]
    body = "\n\n".join([_("Question :"), request.question, _("Réponse :"), *answers])
    article = Article(
        territory_id=request.territory_id,
        topic=request.topic,
        title=anonymised(request, request.subject)[:200],
        body=anonymised(request, body),
        request=request,
    )
    article._history_user = by
    article.save()
    return article


@transaction.atomic
def article_save(*, article: Article, by: User, title: str, topic: str, body: str) -> Article:
    article.title, article.topic, article.body = title.strip(), topic, body.strip()
    article.full_clean()
    article._history_user = by
    article.save()
    return article


@transaction.atomic
def article_publish(*, article: Article, by: User, published: bool = True) -> Article:
    """Publish an article to every organisation of the territory, or take it back to draft."""
    article.status = ArticleStatus.PUBLISHED if published else ArticleStatus.DRAFT
    article.published_at = timezone.now() if published else None
    article._history_user = by
    article.save(update_fields=["status", "published_at"])
    return article
