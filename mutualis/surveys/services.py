"""Every write of the surveys: a survey is written as a draft, opened, sent, answered, closed.

Questions change only while the survey is a draft: once links are out, every respondent
must have answered the same questionnaire.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping, Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from mutualis.accounts.models import User
from mutualis.notifications.services import notify
from mutualis.surveys.models import (
    Answer,
    Choice,
    Invitation,
    Question,
    QuestionKind,
    Response,
    Survey,
    SurveyStatus,
)
from mutualis.territory.models import Membership, Organisation, Sector, Territory


def _lock(survey: Survey) -> Survey:
    return Survey.objects.select_for_update().get(pk=survey.pk)


def _require_draft(survey: Survey) -> None:
    if survey.status != SurveyStatus.DRAFT:
        raise ValidationError(_("Le questionnaire n'est plus un brouillon : ses questions ne changent plus."))


@transaction.atomic
def survey_create(*, territory: Territory, title: str, by: User, introduction: str = "", closes_on=None) -> Survey:
    return Survey.objects.create(
        territory=territory, title=title.strip(), introduction=introduction.strip(), closes_on=closes_on, created_by=by
    )


@transaction.atomic
def survey_update(*, survey: Survey, by: User, title: str, introduction: str = "", closes_on=None) -> Survey:
    """Title, introduction and deadline may change until the survey is closed."""
    survey = _lock(survey)
    if survey.status == SurveyStatus.CLOSED:
        raise ValidationError(_("Un questionnaire clos ne change plus."))
    survey.title, survey.introduction, survey.closes_on = title.strip(), introduction.strip(), closes_on
    survey.save(update_fields=["title", "introduction", "closes_on"])
    return survey


def _clean_choices(kind: str, choices: Sequence[str]) -> list[str]:
    labels = [label.strip() for label in choices if label.strip()]
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        if len(labels) < 2:
            raise ValidationError({"choices": _("Proposez au moins deux choix, un par ligne.")})
        if len(set(labels)) != len(labels):
            raise ValidationError({"choices": _("Deux choix portent le même libellé.")})
        return labels
    return []


def _check_scale(kind: str, fields: Mapping) -> None:
    if kind == QuestionKind.SCALE and fields.get("scale_min", 1) >= fields.get("scale_max", 5):
        raise ValidationError({"scale_max": _("La valeur maximale doit dépasser la valeur minimale.")})


def _set_choices(question: Question, labels: list[str]) -> None:
    question.choices.all().delete()
    Choice.objects.bulk_create([Choice(question=question, order=i, label=label) for i, label in enumerate(labels)])


@transaction.atomic
def question_add(*, survey: Survey, kind: str, text: str, by: User, choices: Sequence[str] = (), **fields) -> Question:
    """Append a question; `choices` are the labels of a single or multiple choice question."""
    survey = _lock(survey)
    _require_draft(survey)
    labels = _clean_choices(kind, choices)
    _check_scale(kind, fields)
    last = survey.questions.aggregate(last=Max("order"))["last"]
    question = Question.objects.create(
        survey=survey, kind=kind, text=text.strip(), order=0 if last is None else last + 1, **fields
    )
    _set_choices(question, labels)
    return question


@transaction.atomic
def question_update(
    *, question: Question, kind: str, text: str, by: User, choices: Sequence[str] = (), **fields
) -> Question:
    _require_draft(_lock(question.survey))
    labels = _clean_choices(kind, choices)
    _check_scale(kind, fields)
    question.kind, question.text = kind, text.strip()
    for name, value in fields.items():
        setattr(question, name, value)
    question.save()
    _set_choices(question, labels)
    return question


@transaction.atomic
def question_delete(*, question: Question, by: User) -> None:
    _require_draft(_lock(question.survey))
    question.delete()


@transaction.atomic
def survey_open(*, survey: Survey, by: User) -> Survey:
    """Draft → open: from now on links can be sent and answered; questions are frozen."""
    survey = _lock(survey)
    _require_draft(survey)
    if not survey.questions.exists():
        raise ValidationError(_("Ajoutez au moins une question avant d'ouvrir le questionnaire."))
    survey.status, survey.opened_at = SurveyStatus.OPEN, timezone.now()
    survey.save(update_fields=["status", "opened_at"])
    return survey


@transaction.atomic
def survey_close(*, survey: Survey, by: User) -> Survey:
    """Open → closed: links stop working and the results are shared with the territory's members."""
    survey = _lock(survey)
    if survey.status != SurveyStatus.OPEN:
        raise ValidationError(_("Seul un questionnaire ouvert peut être clos."))
    survey.status, survey.closed_at = SurveyStatus.CLOSED, timezone.now()
    survey.save(update_fields=["status", "closed_at"])
    invited = User.objects.filter(pk__in=survey.invitations.values("user"))
    notify(
        "surveys.closed",
        recipients=invited,
        context={"title": survey.title},
        territory=survey.territory_id,
        url=reverse("surveys:survey_results", args=[survey.pk]),
        exclude=by,
    )
    return survey


def recipients(
    *,
    territory: Territory,
    roles: Iterable[str] = (),
    organisations: Iterable[Organisation] = (),
    sectors: Iterable[Sector] = (),
) -> QuerySet[Membership]:
    """Active memberships of the territory matching every filter given (any value within one filter)."""
    memberships = Membership.objects.active().filter(organisation__territory=territory, organisation__is_active=True)
    if roles:
        memberships = memberships.filter(role__in=list(roles))
    if organisations:
        memberships = memberships.filter(organisation__in=list(organisations))
    if sectors:
        memberships = memberships.filter(organisation__sector__in=list(sectors))
    return memberships.select_related("user", "organisation").order_by("organisation__search_name", "user__last_name")


def answer_link(invitation: Invitation) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("surveys:answer", kwargs={"token": invitation.token})


@transaction.atomic
def invitations_send(*, survey: Survey, memberships: Iterable[Membership], by: User) -> list[Invitation]:
    """Send a personal link to each person not invited yet (one invitation per person per survey,
    whatever their number of memberships); returns the new invitations."""
    survey = _lock(survey)
    if survey.status != SurveyStatus.OPEN:
        raise ValidationError(_("Ouvrez le questionnaire avant d'envoyer les liens."))
    already = set(survey.invitations.values_list("user_id", flat=True))
    created = []
    for membership in memberships:
        if membership.user_id in already or membership.organisation.territory_id != survey.territory_id:
            continue
        already.add(membership.user_id)
        invitation = Invitation.objects.create(
            survey=survey,
            user=membership.user,
            membership=membership,
            email=membership.user.email,
            token=secrets.token_urlsafe(32),
            sent_at=timezone.now(),
        )
        created.append(invitation)
        context = {
            "survey": survey,
            "invitation": invitation,
            "membership": membership,
            "link": answer_link(invitation),
        }
        send_mail(
            subject=_("Questionnaire : %(title)s") % {"title": survey.title},
            message=render_to_string("surveys/emails/invitation.txt", context),
            from_email=None,
            recipient_list=[invitation.email],
        )
        # The invitation is also listed in the person's notifications, where its link stays at hand.
        closes = _(", avant le %(day)s") % {"day": formats.date_format(survey.closes_on)} if survey.closes_on else ""
        notify(
            "surveys.invited",
            recipients=[membership.user],
            context={"title": survey.title, "closes": closes},
            url=reverse("surveys:answer", kwargs={"token": invitation.token}),
            territory=survey.territory_id,
        )
    return created


def _answer_rows(question: Question, value) -> list[Answer]:
    """The Answer rows of one question's value (none when an optional question is skipped)."""
    if value in (None, "", [], ()):
        if question.required:
            raise ValidationError({f"q{question.pk}": _("Cette question demande une réponse.")})
        return []
    if question.kind == QuestionKind.TEXT:
        return [Answer(question=question, text=str(value).strip())]
    if question.kind == QuestionKind.SCALE:
        if int(value) not in question.scale_values:
            raise ValidationError({f"q{question.pk}": _("Choisissez une valeur de l'échelle.")})
        return [Answer(question=question, number=int(value))]
    values = value if question.kind == QuestionKind.MULTIPLE else [value]
    choices = {choice.pk: choice for choice in question.choices.all()}
    if not {int(v) for v in values} <= set(choices):
        raise ValidationError({f"q{question.pk}": _("Ce choix n'est pas proposé.")})
    return [Answer(question=question, choice=choices[int(v)]) for v in values]


@transaction.atomic
def response_submit(*, invitation: Invitation, values: Mapping[int, object]) -> Response:
    """Record the answers of one link, once: `values` maps a question's pk to a choice pk,
    a list of choice pks, a scale value or a text."""
    invitation = Invitation.objects.select_for_update().select_related("survey").get(pk=invitation.pk)
    if invitation.answered_at is not None:
        raise ValidationError(_("Ce lien a déjà servi : la réponse est enregistrée."))
    if invitation.survey.status != SurveyStatus.OPEN:
        raise ValidationError(_("Ce questionnaire n'est pas ouvert aux réponses."))
    questions = invitation.survey.questions.prefetch_related("choices").order_by("order", "pk")
    rows = [row for question in questions for row in _answer_rows(question, values.get(question.pk))]
    try:
        with transaction.atomic():
            response = Response.objects.create(invitation=invitation, survey=invitation.survey)
    except IntegrityError:
        raise ValidationError(_("Ce lien a déjà servi : la réponse est enregistrée.")) from None
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)
    invitation.answered_at = response.submitted_at
    invitation.save(update_fields=["answered_at"])
    return response
