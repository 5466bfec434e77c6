"""Digital workshops for inhabitants (action 8 of the schéma).

The workshops manager plans a `Series` of workshops in a host commune (a theme, a place, who runs
it), then its `Session`s, each with a number of seats, and publishes them: published sessions to
come are public. An inhabitant registers without an account (`Registration`, with a personal
token for the cancel link), or the town hall registers them after a phone call; beyond the seats
registrations wait and are promoted in order. Who came is a `Visit` (from the list or a walk-in).

A `Participant` is one person across sessions, so that statistics count people apart from visits.
Their name and contacts are erased after the territory's retention period (`Policy`); gender, age
and home sector stay, for statistics only, never shown with a name.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mutualis.territory.models import COMMUNE_STAFF, Organisation, Sector, Service, Territory
from mutualis.territory.scopes import Scope, ScopedQuerySet, Through, territory_wide


class Theme(models.TextChoices):
    EMPLOYMENT = "employment", _("Démarches en ligne : emploi")
    TRAINING = "training", _("Démarches en ligne : formation")
    HOUSING = "housing", _("Démarches en ligne : logement")
    HEALTH = "health", _("Démarches en ligne : santé")
    MOBILITY = "mobility", _("Démarches en ligne : mobilité")
    DAILY_LIFE = "daily_life", _("Démarches en ligne : vie quotidienne")
    TOOLS = "tools", _("Utiliser les outils numériques")


class RunBy(models.TextChoices):
    STAFF = "staff", _("Secrétaires de mairie et agents de l'agglomération")
    PROVIDER = "provider", _("Organisme extérieur")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Femme")
    MAN = "man", _("Homme")
    OTHER = "other", _("Autre ou non précisé")


class Policy(models.Model):
    """The territory's choices about inhabitants' data: how long it is kept, and the smallest
    number of people a public figure may show."""

    territory = models.OneToOneField(Territory, on_delete=models.CASCADE, related_name="workshop_policy")
    retention_months = models.PositiveSmallIntegerField(
        _("conservation des données personnelles (mois après l'atelier)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )
    public_minimum = models.PositiveSmallIntegerField(
        _("effectif minimal d'une case publiée"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("Les chiffres portant sur moins de personnes ne sont pas publiés."),
    )

    objects = ScopedQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("règles des ateliers numériques")
        verbose_name_plural = _("règles des ateliers numériques")

    def __str__(self) -> str:
        return str(self.territory)

    @classmethod
    def of(cls, territory: Territory) -> Policy:
        """The territory's policy, or the defaults (unsaved) when it never set one."""
        return cls.objects.filter(territory=territory).first() or cls(territory=territory)


class Series(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="workshop_series")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("commune d'accueil"), on_delete=models.PROTECT, related_name="workshop_series"
    )
    theme = models.CharField(_("thème"), max_length=20, choices=Theme.choices)
    title = models.CharField(_("intitulé"), max_length=200)
    description = models.TextField(_("présentation"), blank=True)
    place = models.CharField(_("lieu"), max_length=200, help_text=_("Par exemple : salle du conseil, mairie."))
    run_by = models.CharField(_("animé par"), max_length=10, choices=RunBy.choices, default=RunBy.STAFF)
    provider = models.CharField(_("organisme extérieur"), max_length=200, blank=True)
    cost = models.DecimalField(_("coût de l'intervention (€)"), max_digits=10, decimal_places=2, null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cycle d'ateliers")
        verbose_name_plural = _("cycles d'ateliers")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(run_by="staff", provider="") | Q(run_by="provider") & ~Q(provider=""),
                name="workshops_provider_named_when_outside",
                violation_error_message=_("Indiquez l'organisme extérieur qui anime les ateliers."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.organisation})"


class Status(models.TextChoices):
    PLANNED = "planned", _("En préparation")
    PUBLISHED = "published", _("Publié")
    HELD = "held", _("Tenu")
    CANCELLED = "cancelled", _("Annulé")


class SessionQuerySet(ScopedQuerySet):
    def public(self, territory: Territory) -> SessionQuerySet:
        """What inhabitants see: the published sessions still to come."""
        return self.filter(series__territory=territory, status=Status.PUBLISHED, starts_at__gt=timezone.now())

    def with_list_data(self) -> SessionQuerySet:
        return (
            self.select_related("series__organisation__sector")
            .annotate(registered=Count("registrations", filter=Q(registrations__status="registered")))
            .order_by("starts_at", "pk")
        )


class Session(models.Model):
    """One workshop: a date in a series (DESIGN: `workshops.Session`)."""

    series = models.ForeignKey(Series, on_delete=models.PROTECT, related_name="sessions")
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    seats = models.PositiveSmallIntegerField(_("places"), validators=[MinValueValidator(1), MaxValueValidator(200)])
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    cancel_reason = models.CharField(_("motif d'annulation"), max_length=200, blank=True)

    objects = SessionQuerySet.as_manager()
    scope = Through("series")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("atelier numérique")
        verbose_name_plural = _("ateliers numériques")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="workshops_session_ends_after")
        ]

    def __str__(self) -> str:
        return f"{self.series.title}, {timezone.localtime(self.starts_at):%d/%m/%Y %H:%M}"

    @property
    def territory(self) -> Territory:
        return self.series.territory

    def organisation_ids(self) -> list[int]:
        """The host commune: its mayor and secretaries register callers and record attendance."""
        return [self.series.organisation_id]

    @property
    def seats_left(self) -> int:
        """Seats not taken (the queryset's `with_list_data` counts the registered)."""
        return max(self.seats - self.registered, 0)

    def is_open(self, now: datetime | None = None) -> bool:
        """Open to registrations: published and not started."""
        return self.status == Status.PUBLISHED and self.starts_at > (now or timezone.now())


class Participant(models.Model):
    """One inhabitant, across the workshops they register for or attend."""

    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="workshop_participants")
    name = models.CharField(_("nom et prénom"), max_length=150, blank=True)
    phone = models.CharField(_("téléphone"), max_length=20, blank=True)
    email = models.EmailField(_("courriel"), blank=True)
    gender = models.CharField(_("genre"), max_length=5, choices=Gender.choices, blank=True)
    age = models.PositiveSmallIntegerField(
        _("âge"), null=True, blank=True, validators=[MinValueValidator(10), MaxValueValidator(120)]
    )
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("secteur de résidence"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    purged_at = models.DateTimeField(_("données effacées le"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(overseers=(Service.WORKSHOPS,))
    history = HistoricalRecords(excluded_fields=["name", "phone", "email"])

    class Meta:
        verbose_name = _("participant·e")
        verbose_name_plural = _("participant·es")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name or _("personne anonymisée")


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Inscrit·e")
    WAITING = "waiting", _("En liste d'attente")
    CANCELLED = "cancelled", _("Annulée")


class RegistrationQuerySet(ScopedQuerySet):
    def active(self) -> RegistrationQuerySet:
        return self.exclude(status=RegistrationStatus.CANCELLED)


class Registration(models.Model):
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="registrations")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="registrations")
    status = models.CharField(_("état"), max_length=10, choices=RegistrationStatus.choices)
    token = models.CharField(max_length=64, unique=True, editable=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()
    scope = Scope(
        territory="session__series__territory",
        organisations=("session__series__organisation",),
        organisation_roles=COMMUNE_STAFF,
        overseers=(Service.WORKSHOPS,),
    )
    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"],
                condition=~Q(status="cancelled"),
                name="workshops_one_active_registration",
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} – {self.session}"

    @property
    def territory(self) -> Territory:
        return self.session.series.territory

    def organisation_ids(self) -> list[int]:
        return self.session.organisation_ids()


class Visit(models.Model):
    """A person came to a workshop: registered before, or a walk-in."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="visits")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="visits")
    walk_in = models.BooleanField(_("venu·e sans inscription"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(
        territory="session__series__territory",
        organisations=("session__series__organisation",),
        organisation_roles=COMMUNE_STAFF,
        overseers=(Service.WORKSHOPS,),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("présence")
        verbose_name_plural = _("présences")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["session", "participant"], name="workshops_one_visit_each")]

    def __str__(self) -> str:
        return f"{self.participant} – {self.session}"
