"""The replacement service (action 6 of the schéma): a pool of agents the EPCI seconds to
member organisations while their own staff is away.

An organisation adheres by convention (an `agreements.Adhesion`); its mayor or secretary
asks for a replacement (a Request); the service manager picks agents among ranked
candidates (matching.py) and assigns them (Assignment), one after another if need be; each
assignment is a mise à disposition with its own convention, signed before the mission
starts. The agent records her hours per week (Timesheet); the organisation validates them,
which bills them at the tariff in force on each day, once its adhesion's convention is signed.
An agent is never committed beyond her weekly working time on overlapping assignments:
the service checks it under a lock on the agent's row.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mutualis.core.periods import within_days
from mutualis.territory.models import COMMUNE_STAFF, Organisation, Service, Territory
from mutualis.territory.scopes import Scope, ScopedQuerySet, Through, territory_wide

HOURS = {"max_digits": 5, "decimal_places": 2}


class Skill(models.TextChoices):
    CIVIL_STATUS = "civil_status", _("État civil")
    ELECTIONS = "elections", _("Élections")
    PLANNING = "planning", _("Urbanisme")
    ACCOUNTING = "accounting", _("Comptabilité M57")
    PAYROLL = "payroll", _("Paie")
    PROCUREMENT = "procurement", _("Marchés publics")
    RECEPTION = "reception", _("Accueil")
    HALL_UPKEEP = "hall_upkeep", _("Entretien de salles")


class Level(models.IntegerChoices):
    BASIC = 1, _("Notions")
    GOOD = 2, _("Autonome")
    EXPERT = 3, _("Expert")


class Motive(models.TextChoices):
    SICK_LEAVE = "sick_leave", _("Arrêt maladie")
    ANNUAL_LEAVE = "annual_leave", _("Congés annuels")
    UNION_RELEASE = "union_release", _("Décharge syndicale")
    RETIREMENT = "retirement", _("Départ en retraite")
    TRANSFER = "transfer", _("Mutation")
    OTHER = "other", _("Autre motif")


class Urgency(models.IntegerChoices):
    # Higher comes first in the manager's queue.
    NORMAL = 1, _("Normale")
    URGENT = 2, _("Urgente")
    CRITICAL = 3, _("Très urgente")


WEEKDAYS = [(0, _("lundi")), (1, _("mardi")), (2, _("mercredi")), (3, _("jeudi")), (4, _("vendredi")), (5, _("samedi"))]


# ---------------------------------------------------------------- the pool


class AgentQuerySet(ScopedQuerySet):
    def with_list_data(self) -> AgentQuerySet:
        return self.select_related("home").prefetch_related("skills").order_by("name", "pk")

    def with_detail_data(self) -> AgentQuerySet:
        return self.select_related("home", "home__sector", "territory", "user").prefetch_related(
            models.Prefetch("skills", queryset=AgentSkill.objects.order_by("-level", "skill")),
            models.Prefetch("unavailabilities", queryset=Unavailability.objects.order_by("-start")),
        )

    def active(self) -> AgentQuerySet:
        return self.filter(is_active=True)


class Agent(models.Model):
    """A replacement agent of the pool, employed by the EPCI."""

    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="replacement_agents")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replacement_agent",
        help_text=_("Le compte avec lequel l'agent consulte ses missions et saisit ses heures."),
    )
    name = models.CharField(_("nom"), max_length=120)
    working_hours = models.DecimalField(
        _("temps de travail (heures par semaine)"),
        **HOURS,
        default=Decimal("35"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("48"))],
    )
    home = models.ForeignKey(
        Organisation, verbose_name=_("commune de résidence"), on_delete=models.PROTECT, related_name="+"
    )
    max_km = models.PositiveSmallIntegerField(_("distance maximale de déplacement (km)"), default=30)
    is_active = models.BooleanField(_("en activité"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = AgentQuerySet.as_manager()
    # The pool is territory-wide: organisations name preferred or excluded agents.
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agent de remplacement")
        verbose_name_plural = _("agents de remplacement")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(working_hours__gt=0), name="replacement_agent_working_hours"),
        ]

    def __str__(self) -> str:
        return self.name

    def skill_levels(self) -> dict[str, int]:
        return {row.skill: row.level for row in self.skills.all()}


class AgentSkillQuerySet(ScopedQuerySet):
    def with_list_data(self) -> AgentSkillQuerySet:
        return self.select_related("agent").order_by("agent", "skill")


class AgentSkill(models.Model):
    agent = models.ForeignKey(Agent, on_delete=models.CASCADE, related_name="skills")
    skill = models.CharField(_("compétence"), max_length=30, choices=Skill.choices)
    level = models.PositiveSmallIntegerField(_("niveau"), choices=Level.choices)

    objects = AgentSkillQuerySet.as_manager()
    scope = territory_wide("agent__territory")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("compétence d'un agent")
        verbose_name_plural = _("compétences des agents")
        constraints = [
            models.UniqueConstraint(fields=["agent", "skill"], name="replacement_agent_skill_unique"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=3), name="replacement_agent_skill_level"),
        ]

    def __str__(self) -> str:
        return f"{self.get_skill_display()} ({self.level})"

    @property
    def territory(self) -> Territory:
        return self.agent.territory


class UnavailabilityKind(models.TextChoices):
    LEAVE = "leave", _("Congés")
    TRAINING = "training", _("Formation")
    OTHER = "other", _("Autre")


class UnavailabilityQuerySet(ScopedQuerySet):
    def with_list_data(self) -> UnavailabilityQuerySet:
        return self.select_related("agent").order_by("-start")

    def meeting(self, start: date, end: date | None) -> UnavailabilityQuerySet:
        rows = self.filter(end__gt=start)
        return rows if end is None else rows.filter(start__lt=end)


class Unavailability(models.Model):
    """A period [start, end) when an agent cannot be assigned."""

    agent = models.ForeignKey(Agent, on_delete=models.CASCADE, related_name="unavailabilities")
    kind = models.CharField(_("type"), max_length=20, choices=UnavailabilityKind.choices)
    start = models.DateField(_("premier jour"))
    end = models.DateField(_("fin (exclue)"))
    note = models.CharField(_("précision"), max_length=200, blank=True)

    objects = UnavailabilityQuerySet.as_manager()
    scope = Scope(territory="agent__territory", overseers=(Service.REPLACEMENT,), person="agent__user")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indisponibilité d'un agent")
        verbose_name_plural = _("indisponibilités des agents")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="replacement_unavailability_end_after_start",
                violation_error_message=_("La fin doit être postérieure au début."),
            )
        ]
        indexes = [models.Index(fields=["agent", "start", "end"])]

    def __str__(self) -> str:
        return f"{self.agent} – {self.get_kind_display()}"

    @property
    def territory(self) -> Territory:
        return self.agent.territory

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)


# ---------------------------------------------------------------- dated settings of the territory


class DatedQuerySet(ScopedQuerySet):
    def with_list_data(self):
        return self.order_by("-valid_from")

    def in_force(self, territory: Territory, day: date):
        """The row in force on a day: the latest one starting on or before it."""
        return self.filter(territory=territory, valid_from__lte=day).order_by("-valid_from").first()


class Tariff(models.Model):
    """The price of an hour of replacement and of a kilometre travelled, from `valid_from` on."""

    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="replacement_tariffs")
    valid_from = models.DateField(_("applicable à partir du"))
    hourly_rate = models.DecimalField(
        _("tarif horaire (€)"), max_digits=8, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    km_allowance = models.DecimalField(
        _("indemnité kilométrique (€ par km)"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )

    objects = DatedQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tarif du service de remplacement")
        verbose_name_plural = _("tarifs du service de remplacement")
        ordering = ["-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "valid_from"], name="replacement_tariff_unique_date"),
            models.CheckConstraint(
                condition=Q(hourly_rate__gte=0, km_allowance__gte=0), name="replacement_tariff_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hourly_rate} €/h, {self.km_allowance} €/km ({self.valid_from:%d/%m/%Y})"


class ServiceRules(models.Model):
    """The service's rules, from `valid_from` on."""

    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="replacement_rules")
    valid_from = models.DateField(_("applicable à partir du"))
    max_mission_months = models.PositiveSmallIntegerField(
        _("durée maximale d'une mission (mois)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
        help_text=_("Les centres de gestion limitent souvent les missions à 6 mois consécutifs."),
    )
    max_days_per_week = models.PositiveSmallIntegerField(
        _("jours par semaine au plus pour une organisation"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
    )
    small_communes_first = models.BooleanField(
        _("priorité aux plus petites communes quand les agents manquent"), default=True
    )

    objects = DatedQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("règles du service de remplacement")
        verbose_name_plural = _("règles du service de remplacement")
        ordering = ["-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "valid_from"], name="replacement_rules_unique_date")
        ]

    def __str__(self) -> str:
        return f"{self.valid_from:%d/%m/%Y}"


# What applies before the territory sets its own rules.
DEFAULT_RULES = ServiceRules(max_mission_months=6, max_days_per_week=5, small_communes_first=True)


def rules_on(territory: Territory, day: date) -> ServiceRules:
    return ServiceRules.objects.in_force(territory, day) or DEFAULT_RULES


# ---------------------------------------------------------------- preferences


class PreferenceKind(models.TextChoices):
    PREFERRED = "preferred", _("Agent souhaité")
    EXCLUDED = "excluded", _("Agent écarté")


class PreferenceQuerySet(ScopedQuerySet):
    def with_list_data(self) -> PreferenceQuerySet:
        return self.select_related("agent").order_by("kind", "agent__name")


class Preference(models.Model):
    """An organisation's wish about one agent: preferred (ranked first) or excluded (never proposed)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="replacement_preferences")
    agent = models.ForeignKey(Agent, verbose_name=_("agent"), on_delete=models.CASCADE, related_name="preferences")
    kind = models.CharField(_("souhait"), max_length=20, choices=PreferenceKind.choices)

    objects = PreferenceQuerySet.as_manager()
    scope = Scope(
        territory="organisation__territory", organisations=("organisation",), overseers=(Service.REPLACEMENT,)
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("préférence d'agent")
        verbose_name_plural = _("préférences d'agents")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "agent"], name="replacement_preference_unique_agent")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.agent} ({self.get_kind_display()})"

    @property
    def territory(self) -> Territory:
        return self.organisation.territory


# ---------------------------------------------------------------- requests


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("Reçue")
    ASSIGNED = "assigned", _("Agent affecté")
    IN_PROGRESS = "in_progress", _("En cours")
    ENDED = "ended", _("Terminée")
    CANCELLED = "cancelled", _("Annulée")


OPEN_REQUEST_STATUSES = [RequestStatus.RECEIVED, RequestStatus.ASSIGNED, RequestStatus.IN_PROGRESS]

# The statuses each status may be reached from.
REQUEST_TRANSITIONS: dict[str, set[str]] = {
    RequestStatus.ASSIGNED: {RequestStatus.RECEIVED},
    RequestStatus.IN_PROGRESS: {RequestStatus.ASSIGNED},
    RequestStatus.ENDED: {RequestStatus.ASSIGNED, RequestStatus.IN_PROGRESS},
    RequestStatus.CANCELLED: {RequestStatus.RECEIVED, RequestStatus.ASSIGNED},
}


class RequestQuerySet(ScopedQuerySet):
    def with_list_data(self) -> RequestQuerySet:
        return self.select_related("organisation").order_by("-created_at", "-pk")

    def with_detail_data(self) -> RequestQuerySet:
        return self.select_related("organisation", "organisation__sector", "territory", "created_by").prefetch_related(
            models.Prefetch("assignments", queryset=Assignment.objects.select_related("agent").order_by("start"))
        )

    def open(self) -> RequestQuerySet:
        return self.filter(status__in=OPEN_REQUEST_STATUSES)

    def queue(self, small_communes_first: bool) -> RequestQuerySet:
        """The manager's queue: most urgent first, then (when the rule is on) the smallest
        communes, then the oldest request."""
        order = ["-urgency"]
        if small_communes_first:
            # Organisations without a population (syndicats) come after the communes.
            order += [F("organisation__population").asc(nulls_last=True)]
        return self.with_list_data().order_by(*order, "created_at", "pk")

    def received_between(self, start: date, end: date) -> RequestQuerySet:
        return self.filter(**within_days("created_at", start, end))


class Request(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="replacement_requests")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="replacement_requests"
    )
    motive = models.CharField(_("motif"), max_length=20, choices=Motive.choices)
    start = models.DateField(_("premier jour"))
    end = models.DateField(_("fin (exclue)"), null=True, blank=True)
    weekdays = models.JSONField(_("jours de la semaine"), default=list)
    weekly_hours = models.DecimalField(_("heures par semaine"), **HOURS, validators=[MinValueValidator(Decimal("0.5"))])
    skills = models.JSONField(_("compétences attendues"), default=list, blank=True)
    urgency = models.PositiveSmallIntegerField(_("urgence"), choices=Urgency.choices, default=Urgency.NORMAL)
    notes = models.TextField(_("précisions"), blank=True)
    status = models.CharField(_("statut"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.RECEIVED)
    first_assigned_at = models.DateTimeField(_("premier agent affecté le"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("demandée par"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("reçue le"), default=timezone.now)

    objects = RequestQuerySet.as_manager()
    scope = Scope(organisations=("organisation",), organisation_roles=COMMUNE_STAFF, overseers=(Service.REPLACEMENT,))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("demande de remplacement")
        verbose_name_plural = _("demandes de remplacement")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gt=F("start")),
                name="replacement_request_end_after_start",
                violation_error_message=_("La fin doit être postérieure au début."),
            ),
            models.CheckConstraint(condition=Q(weekly_hours__gt=0), name="replacement_request_hours_positive"),
            models.CheckConstraint(condition=Q(status__in=RequestStatus.values), name="replacement_request_status"),
        ]
        indexes = [models.Index(fields=["territory", "status"]), models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.get_motive_display()} ({self.start:%d/%m/%Y})"

    @property
    def last_day(self) -> date | None:
        return self.end - timedelta(days=1) if self.end else None

    @property
    def skill_labels(self) -> list[str]:
        return [Skill(code).label for code in self.skills]

    @property
    def weekday_labels(self) -> list[str]:
        names = dict(WEEKDAYS)
        return [names[day] for day in sorted(self.weekdays)]

    def can_become(self, status: str) -> bool:
        return self.status in REQUEST_TRANSITIONS[status]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REQUEST_STATUSES


# ---------------------------------------------------------------- assignments


class AssignmentStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CANCELLED = "cancelled", _("Annulée")


class AssignmentQuerySet(ScopedQuerySet):
    def with_list_data(self) -> AssignmentQuerySet:
        return self.select_related("agent", "organisation", "request").order_by("-start", "-pk")

    def with_detail_data(self) -> AssignmentQuerySet:
        return self.select_related("agent", "agent__user", "organisation", "request", "territory", "convention")

    def active(self) -> AssignmentQuerySet:
        return self.filter(status=AssignmentStatus.ACTIVE)

    def meeting(self, start: date, end: date | None) -> AssignmentQuerySet:
        """Active assignments whose period [start, end) meets the given one (None: open end)."""
        rows = self.active().filter(end__gt=start)
        return rows if end is None else rows.filter(start__lt=end)


class Assignment(models.Model):
    """One agent seconded to the requesting organisation over [start, end) for some hours a week."""

    request = models.ForeignKey(Request, on_delete=models.PROTECT, related_name="assignments")
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="replacement_assignments")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation d'accueil"), on_delete=models.PROTECT, related_name="+"
    )
    agent = models.ForeignKey(Agent, verbose_name=_("agent"), on_delete=models.PROTECT, related_name="assignments")
    start = models.DateField(_("premier jour"))
    end = models.DateField(_("fin (exclue)"))
    weekly_hours = models.DecimalField(_("heures par semaine"), **HOURS)
    status = models.CharField(
        _("statut"), max_length=20, choices=AssignmentStatus.choices, default=AssignmentStatus.ACTIVE
    )
    convention = models.ForeignKey(
        "agreements.Convention",
        verbose_name=_("convention"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("affectée par"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = AssignmentQuerySet.as_manager()
    scope = Scope(
        organisations=("organisation",),
        organisation_roles=COMMUNE_STAFF,
        overseers=(Service.REPLACEMENT,),
        person="agent__user",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mission de remplacement")
        verbose_name_plural = _("missions de remplacement")
        ordering = ["-start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="replacement_assignment_end_after_start",
                violation_error_message=_("La fin doit être postérieure au début."),
            ),
            models.CheckConstraint(condition=Q(weekly_hours__gt=0), name="replacement_assignment_hours_positive"),
            models.CheckConstraint(
                condition=Q(status__in=AssignmentStatus.values), name="replacement_assignment_status"
            ),
        ]
        indexes = [
            # The capacity check and the matching: an agent's active assignments over a period.
            models.Index(
                fields=["agent", "start", "end"],
                condition=Q(status=AssignmentStatus.ACTIVE),
                name="replacement_assignment_span",
            ),
            models.Index(fields=["territory", "start"]),
            models.Index(fields=["organisation", "start"]),
        ]

    def __str__(self) -> str:
        return f"{self.agent} → {self.organisation} ({self.start:%d/%m/%Y})"

    def organisation_ids(self) -> set[int]:
        return {self.organisation_id}

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    @property
    def weekdays(self) -> list[int]:
        return self.request.weekdays


def hosting_organisations(territory: Territory, start: date, end: date) -> models.QuerySet:
    """Ids of the organisations that hosted an agent some day of [start, end): the service's
    actual users, as `agreements.terms` asks."""
    rows = Assignment.objects.filter(territory=territory).meeting(start, end)
    return rows.values_list("organisation_id", flat=True).distinct()


# ---------------------------------------------------------------- timesheets


class TimesheetStatus(models.TextChoices):
    SUBMITTED = "submitted", _("À valider")
    VALIDATED = "validated", _("Validée")
    DISPUTED = "disputed", _("Contestée")


class TimesheetQuerySet(ScopedQuerySet):
    def with_list_data(self) -> TimesheetQuerySet:
        return self.select_related("assignment", "assignment__agent").order_by("-week")

    def with_detail_data(self) -> TimesheetQuerySet:
        return self.select_related("assignment", "assignment__request", "assignment__organisation", "assignment__agent")

    def validated(self) -> TimesheetQuerySet:
        return self.filter(status=TimesheetStatus.VALIDATED)


class Timesheet(models.Model):
    """The hours (and kilometres travelled) an agent worked for one assignment in one week."""

    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="timesheets")
    week = models.DateField(_("semaine du"), help_text=_("Le lundi de la semaine."))
    hours = models.DecimalField(_("heures travaillées"), **HOURS, validators=[MinValueValidator(Decimal("0.25"))])
    km = models.DecimalField(
        _("kilomètres parcourus"), max_digits=7, decimal_places=1, default=0, validators=[MinValueValidator(0)]
    )
    status = models.CharField(
        _("statut"), max_length=20, choices=TimesheetStatus.choices, default=TimesheetStatus.SUBMITTED
    )
    dispute_reason = models.TextField(_("motif de la contestation"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("saisie par"), on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("validée ou contestée par"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("validée ou contestée le"), null=True, blank=True)

    objects = TimesheetQuerySet.as_manager()
    scope = Through("assignment")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("relevé d'heures")
        verbose_name_plural = _("relevés d'heures")
        ordering = ["-week"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "week"], name="replacement_timesheet_one_per_week"),
            models.CheckConstraint(condition=Q(hours__gt=0, km__gte=0), name="replacement_timesheet_positive"),
            models.CheckConstraint(
                condition=~Q(status=TimesheetStatus.DISPUTED) | ~Q(dispute_reason=""),
                name="replacement_timesheet_dispute_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} – {self.week:%d/%m/%Y}"

    @property
    def territory(self) -> Territory:
        return self.assignment.territory

    def organisation_ids(self) -> set[int]:
        return {self.assignment.organisation_id}

    @property
    def is_locked(self) -> bool:
        return self.status == TimesheetStatus.VALIDATED

    @property
    def can_be_decided(self) -> bool:
        return self.status == TimesheetStatus.SUBMITTED


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or that month's last day when it is shorter (31 → 30)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last_day = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last_day))
