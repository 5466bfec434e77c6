"""Territorial questionnaires: the coordination writes a Survey of Questions, sends personal
links (Invitations) to chosen members, and each link gives at most one Response.

"Answered once" is held by the database (Response.invitation is one-to-one) and checked
under a row lock on the Invitation in services.response_submit.

Who sees what: the territory's coordinators see every survey, its invitations and answers.
Once a survey is closed, its aggregated results are shared with every member of the
territory (the seed presents the consultation's results to the Conférence des maires);
the answers one by one, free texts included, stay with the coordination.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mutualis.territory.models import Membership, Role, Territory
from mutualis.territory.scopes import Scope, ScopedQuerySet, Through


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    OPEN = "open", _("Ouvert aux réponses")
    CLOSED = "closed", _("Clos")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Choix unique")
    MULTIPLE = "multiple", _("Choix multiples")
    SCALE = "scale", _("Échelle")
    TEXT = "text", _("Texte libre")


CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


class SurveyQuerySet(ScopedQuerySet):
    def with_list_data(self) -> SurveyQuerySet:
        return self.annotate(
            invitation_count=Count("invitations", distinct=True),
            response_count=Count("responses", distinct=True),
        ).order_by("-created_at", "-pk")

    def with_detail_data(self) -> SurveyQuerySet:
        return self.select_related("territory").prefetch_related(
            Prefetch("questions", queryset=Question.objects.order_by("order", "pk").prefetch_related("choices"))
        )


class Survey(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="surveys")
    title = models.CharField(_("titre"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    status = models.CharField(_("état"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT)
    closes_on = models.DateField(
        _("date limite de réponse"), null=True, blank=True, help_text=_("Indiquée aux destinataires.")
    )
    opened_at = models.DateTimeField(_("ouvert le"), null=True, blank=True)
    closed_at = models.DateTimeField(_("clos le"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SurveyQuerySet.as_manager()
    scope = Scope(readers=tuple(Role.values), when={"status": SurveyStatus.CLOSED})
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == SurveyStatus.DRAFT

    @property
    def is_open(self) -> bool:
        return self.status == SurveyStatus.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == SurveyStatus.CLOSED

    @property
    def status_label(self) -> str:
        return SurveyStatus(self.status).label


class SurveyPartQuerySet(ScopedQuerySet):
    """Questions and their choices."""

    def with_list_data(self):
        return self.order_by("order", "pk")


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)
    kind = models.CharField(_("type de question"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("précision"), max_length=300, blank=True)
    required = models.BooleanField(_("réponse obligatoire"), default=True)
    scale_min = models.SmallIntegerField(
        _("échelle : valeur minimale"), default=1, validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    scale_max = models.SmallIntegerField(
        _("échelle : valeur maximale"), default=5, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    scale_min_label = models.CharField(_("échelle : libellé du minimum"), max_length=60, blank=True)
    scale_max_label = models.CharField(_("échelle : libellé du maximum"), max_length=60, blank=True)

    objects = SurveyPartQuerySet.as_manager()
    scope = Through("survey")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(scale_min__lt=models.F("scale_max")), name="surveys_scale_ordered")
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def territory(self) -> Territory:
        return self.survey.territory

    @property
    def is_draft(self) -> bool:
        return self.survey.is_draft

    @property
    def has_choices(self) -> bool:
        return self.kind in CHOICE_KINDS

    @property
    def kind_label(self) -> str:
        return QuestionKind(self.kind).label

    @property
    def scale_values(self) -> range:
        return range(self.scale_min, self.scale_max + 1)


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)
    label = models.CharField(_("libellé"), max_length=200)

    objects = SurveyPartQuerySet.as_manager()
    scope = Through("question")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("choix proposé")
        verbose_name_plural = _("choix proposés")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.label


class InvitationQuerySet(ScopedQuerySet):
    def with_list_data(self) -> InvitationQuerySet:
        return self.select_related("user", "membership__organisation").order_by(
            "membership__organisation__search_name", "user__last_name", "pk"
        )


class Invitation(models.Model):
    """One person's personal link to one survey; the token is the only key the link carries."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="survey_invitations")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="survey_invitations")
    email = models.EmailField(_("courriel"))
    token = models.CharField(max_length=64, unique=True, editable=False)
    sent_at = models.DateTimeField(_("envoyée le"))
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()
    scope = Scope(territory="survey__territory")  # the coordination's only, like responses and answers
    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [models.UniqueConstraint(fields=["survey", "user"], name="surveys_one_invitation_per_person")]

    def __str__(self) -> str:
        return f"{self.survey} – {self.email}"


class Response(models.Model):
    invitation = models.OneToOneField(Invitation, on_delete=models.PROTECT, related_name="response")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    submitted_at = models.DateTimeField(_("reçue le"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(territory="survey__territory")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("réponse")
        verbose_name_plural = _("réponses")
        ordering = ["submitted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.survey} – {self.invitation.email}"


class Answer(models.Model):
    """One answer to one question; a multiple-choice answer is one row per choice ticked."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    choice = models.ForeignKey(Choice, on_delete=models.PROTECT, null=True, blank=True, related_name="answers")
    number = models.SmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(territory="response__survey__territory")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("réponse à une question")
        verbose_name_plural = _("réponses aux questions")
        constraints = [
            models.UniqueConstraint(fields=["response", "question", "choice"], name="surveys_choice_answered_once"),
        ]

    def __str__(self) -> str:
        return str(self.choice or self.number or self.text)
