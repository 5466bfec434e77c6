"""Training: the census of needs, the mutualised plan, sessions, enrolments and certificates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mutualis.core.periods import add_months
from mutualis.network.models.common import EUROS, MANAGED, YEAR
from mutualis.network.models.directory import Profile
from mutualis.network.models.seats import SeatQuerySet, SeatStatus, seat_counts
from mutualis.territory.models import Organisation, Territory
from mutualis.territory.scopes import Scope, ScopedQuerySet, Through, territory_wide


class TrainingTheme(models.Model):
    """A training domain the census asks about (seeded from the CNFPT catalogue's domains; the territory edits it)."""

    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="training_themes")
    name = models.CharField(_("thème"), max_length=150)
    is_active = models.BooleanField(_("proposé au recensement"), default=True)

    objects = ScopedQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thème de formation")
        verbose_name_plural = _("thèmes de formation")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["territory", "name"], name="network_theme_unique_name")]

    def __str__(self) -> str:
        return self.name


class CensusStatus(models.TextChoices):
    OPEN = "open", _("Ouvert")
    CLOSED = "closed", _("Clos")


class Census(models.Model):
    """The year's census of training needs: each commune says, theme by theme, how many agents need it."""

    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="training_censuses")
    year = models.PositiveSmallIntegerField(_("année"), **YEAR)
    closes_on = models.DateField(_("réponses attendues avant le"), null=True, blank=True)
    status = models.CharField(_("état"), max_length=10, choices=CensusStatus.choices, default=CensusStatus.OPEN)

    objects = ScopedQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("recensement des besoins de formation")
        verbose_name_plural = _("recensements des besoins de formation")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["territory", "year"], name="network_census_unique_year")]

    def __str__(self) -> str:
        return str(self.year)

    @property
    def is_open(self) -> bool:
        return self.status == CensusStatus.OPEN


class CensusAnswer(models.Model):
    """That an organisation answered the year's census: with its needs (`TrainingNeed`), or with none
    this year, which is an answer too (unlike silence)."""

    census = models.ForeignKey(Census, on_delete=models.PROTECT, related_name="answers")
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    no_need = models.BooleanField(_("aucun besoin cette année"), default=False)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(default=timezone.now)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(**MANAGED)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("réponse au recensement")
        verbose_name_plural = _("réponses au recensement")
        ordering = ["census", "organisation__search_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["census", "organisation"], name="network_one_answer_per_census")]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.census}"


class TrainingNeed(models.Model):
    census = models.ForeignKey(Census, on_delete=models.PROTECT, related_name="needs")
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    theme = models.ForeignKey(TrainingTheme, verbose_name=_("thème"), on_delete=models.PROTECT, related_name="needs")
    agents = models.PositiveIntegerField(_("nombre d'agents"), validators=[MinValueValidator(1)])
    comment = models.CharField(_("précisions"), max_length=300, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(default=timezone.now)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(**MANAGED)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("besoin de formation")
        verbose_name_plural = _("besoins de formation")
        ordering = ["theme__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["census", "organisation", "theme"], name="network_need_unique_theme")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.theme} ({self.agents})"


class TrainingPlan(models.Model):
    """The territory's multi-year mutualised training plan."""

    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="training_plans")
    title = models.CharField(_("intitulé"), max_length=200)
    first_year = models.PositiveSmallIntegerField(_("de"), **YEAR)
    last_year = models.PositiveSmallIntegerField(_("à"), **YEAR)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan de formation mutualisé")
        verbose_name_plural = _("plans de formation mutualisés")
        ordering = ["-first_year", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(last_year__gte=models.F("first_year")), name="network_plan_years")
        ]

    def __str__(self) -> str:
        return self.title


class Provider(models.TextChoices):
    CNFPT = "cnfpt", _("CNFPT")
    PRIVATE = "private", _("Organisme privé")
    EPCI = "epci", _("Agglomération (formateur interne)")


class Sharing(models.TextChoices):
    BY_ATTENDEE = "by_attendee", _("Partagé entre les communes par agent présent")
    BY_COMMUNE = "by_commune", _("Partagé à parts égales entre les communes présentes")
    NONE = "none", _("Pris en charge (agglomération ou CNFPT)")


class PlannedTraining(models.Model):
    plan = models.ForeignKey(TrainingPlan, on_delete=models.PROTECT, related_name="trainings")
    theme = models.ForeignKey(TrainingTheme, verbose_name=_("thème"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("formation"), max_length=200)
    provider = models.CharField(_("organisme"), max_length=10, choices=Provider.choices)
    provider_name = models.CharField(_("nom de l'organisme"), max_length=150, blank=True)
    year = models.PositiveSmallIntegerField(_("année prévue"), **YEAR)
    target_agents = models.PositiveIntegerField(_("agents visés"))
    budget = models.DecimalField(_("budget (€)"), **EUROS)
    sharing = models.CharField(_("coût"), max_length=12, choices=Sharing.choices, default=Sharing.BY_ATTENDEE)
    certificate_kind = models.CharField(_("certificat délivré"), max_length=20, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope = Through("plan")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("formation du plan")
        verbose_name_plural = _("formations du plan")
        ordering = ["year", "title", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Programmée")
    HELD = "held", _("Tenue")
    CANCELLED = "cancelled", _("Annulée")


class TrainingSessionQuerySet(ScopedQuerySet):
    def search(self, text: str) -> TrainingSessionQuerySet:
        """By the training's title or theme (a shared software's sessions carry its name)."""
        text = text.strip()
        if not text:
            return self
        return self.filter(Q(planned__title__icontains=text) | Q(planned__theme__name__icontains=text))

    def held_between(self, start: date, end: date) -> TrainingSessionQuerySet:
        return self.filter(status=SessionStatus.HELD, starts_on__gte=start, starts_on__lt=end)

    def with_list_data(self) -> TrainingSessionQuerySet:
        return self.select_related("planned__theme").annotate(**seat_counts()).order_by("-starts_on", "-pk")


class TrainingSession(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="training_sessions")
    planned = models.ForeignKey(
        PlannedTraining, verbose_name=_("formation du plan"), on_delete=models.PROTECT, related_name="sessions"
    )
    starts_on = models.DateField(_("du"))
    ends_on = models.DateField(_("au"))
    start_time = models.TimeField(_("heure de début"), null=True, blank=True)
    place = models.CharField(_("lieu"), max_length=200)
    trainer = models.CharField(_("formateur"), max_length=150, blank=True)
    description = models.TextField(_("programme"), blank=True)
    seats = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(1)])
    cost = models.DecimalField(_("coût de la session (€)"), default=Decimal("0"), **EUROS)
    status = models.CharField(_("état"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.PLANNED)
    charged_on = models.DateField(_("coût refacturé le"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = TrainingSessionQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("session de formation")
        verbose_name_plural = _("sessions de formation")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="network_session_dates")
        ]

    def __str__(self) -> str:
        return f"{self.planned.title}, {self.starts_on:%d/%m/%Y}"


class Enrolment(models.Model):
    """An agent registered to a session by their secretary, or waiting for a seat; attendance afterwards."""

    session = models.ForeignKey(TrainingSession, on_delete=models.PROTECT, related_name="seats_taken")
    profile = models.ForeignKey(Profile, verbose_name=_("agent"), on_delete=models.PROTECT, related_name="enrolments")
    status = models.CharField(_("état"), max_length=10, choices=SeatStatus.choices, default=SeatStatus.REGISTERED)
    attended = models.BooleanField(_("présent·e"), null=True, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = SeatQuerySet.as_manager()
    scope = Through("session")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inscription à une formation")
        verbose_name_plural = _("inscriptions à une formation")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "profile"], condition=~Q(status="cancelled"), name="network_one_seat_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.profile} – {self.session}"

    @property
    def territory(self) -> Territory:
        return self.session.territory

    @property
    def organisation_id(self) -> int:
        return self.profile.organisation_id


class CertificateKind(models.TextChoices):
    SST = "sst", _("Sauveteur secouriste du travail (SST)")
    ELECTRICAL = "electrical", _("Habilitation électrique")
    CACES = "caces", _("CACES")
    AIPR = "aipr", _("AIPR")
    FIRST_AID = "psc1", _("Prévention et secours civiques (PSC1)")


# Months a certificate holds (SST: recycling every 24 months); 0 = no end.
VALIDITY_MONTHS = {
    CertificateKind.SST: 24,
    CertificateKind.ELECTRICAL: 36,
    CertificateKind.CACES: 60,
    CertificateKind.AIPR: 60,
    CertificateKind.FIRST_AID: 0,
}


class CertificateQuerySet(ScopedQuerySet):
    def valid_on(self, day: date) -> CertificateQuerySet:
        return self.filter(Q(valid_until__isnull=True) | Q(valid_until__gt=day), issued_on__lte=day)

    def with_list_data(self) -> CertificateQuerySet:
        return self.select_related("profile__organisation").order_by("valid_until", "pk")


class Certificate(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    profile = models.ForeignKey(Profile, verbose_name=_("agent"), on_delete=models.PROTECT, related_name="certificates")
    kind = models.CharField(_("certificat"), max_length=20, choices=CertificateKind.choices)
    session = models.ForeignKey(
        TrainingSession, verbose_name=_("session"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    issued_on = models.DateField(_("délivré le"))
    valid_until = models.DateField(_("valable jusqu'au"), null=True, blank=True)
    reminded_on = models.DateField(_("rappel de recyclage envoyé le"), null=True, blank=True)

    objects = CertificateQuerySet.as_manager()
    scope = Scope(**MANAGED)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("certificat")
        verbose_name_plural = _("certificats")
        ordering = ["valid_until", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "kind", "issued_on"], name="network_certificate_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.profile}"

    @staticmethod
    def validity_end(kind: str, issued_on: date) -> date | None:
        months = VALIDITY_MONTHS[CertificateKind(kind)]
        return add_months(issued_on, months) if months else None
