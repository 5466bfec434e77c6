"""The schéma de mutualisation: its actions, their milestones, indicators and costs.

Every row belongs to a territory through its scheme (Scheme → Action → the rest). Each action
names the service it steers: that is how a charge, an adhesion or a use of a service is read
as part of an action (`action_for`). Who took part is computed, never kept here
(`participants`).
Milestone due periods are stored normalised as a half-open [due_start, due_end) span with
the kind of period, so they sort and compare whatever their precision (year, quarter, month, day).
"""

from __future__ import annotations

from datetime import date

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mutualis.agreements.models import Instrument
from mutualis.territory.models import Decision, Service, Territory
from mutualis.territory.scopes import ScopedQuerySet, territory_wide


class SchemeQuerySet(ScopedQuerySet):
    def with_list_data(self) -> SchemeQuerySet:
        return self.select_related("territory", "previous")

    def in_force(self, territory: Territory, day: date) -> SchemeQuerySet:
        """The schéma in force on the day, first; a later schéma overrides an earlier one it overlaps."""
        return self.filter(territory=territory, start_year__lte=day.year, end_year__gte=day.year).order_by(
            "-start_year"
        )


class Scheme(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="schemes")
    title = models.CharField(_("intitulé"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("première année"))
    end_year = models.PositiveSmallIntegerField(_("dernière année"))
    previous = models.ForeignKey(
        "self", verbose_name=_("schéma précédent"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = SchemeQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("schéma de mutualisation")
        verbose_name_plural = _("schémas de mutualisation")
        ordering = ["-start_year"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "start_year"], name="steering_scheme_one_per_start"),
            models.CheckConstraint(condition=Q(end_year__gte=models.F("start_year")), name="steering_scheme_years"),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.start_year}-{self.end_year}"

    @property
    def start(self) -> date:
        return date(self.start_year, 1, 1)

    @property
    def end(self) -> date:
        return date(self.end_year + 1, 1, 1)

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))


class ActionQuerySet(ScopedQuerySet):
    def with_list_data(self) -> ActionQuerySet:
        return self.select_related("scheme__territory")

    def with_detail_data(self) -> ActionQuerySet:
        return self.with_list_data()


class Action(models.Model):
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="actions")
    number = models.PositiveSmallIntegerField(_("numéro"), validators=[MinValueValidator(1)])
    title = models.CharField(_("intitulé"), max_length=300)
    context = models.TextField(_("contexte"), blank=True)
    objectives = models.TextField(_("objectifs"), blank=True)
    perimeter = models.TextField(_("périmètre"), blank=True)
    review = models.TextField(_("bilan"), blank=True)
    instruments = models.JSONField(_("instruments juridiques"), default=list, blank=True)
    service = models.CharField(
        _("service chargé"),
        max_length=20,
        choices=Service.choices,
        blank=True,
        help_text=_("Les adhésions, l'utilisation et les charges de ce service relèvent de l'action."),
    )
    launched_on = models.DateField(_("lancée le"), null=True, blank=True)
    is_completed = models.BooleanField(_("action terminée"), default=False)

    objects = ActionQuerySet.as_manager()
    scope = territory_wide("scheme__territory")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["scheme", "number"]
        constraints = [models.UniqueConstraint(fields=["scheme", "number"], name="steering_action_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def territory(self) -> Territory:
        return self.scheme.territory

    def is_launched(self, on: date) -> bool:
        """Launched: no longer being defined and sized (seed, section 4)."""
        return self.launched_on is not None and self.launched_on <= on

    def instrument_labels(self) -> list[str]:
        labels = dict(Instrument.choices)
        return [str(labels.get(value, value)) for value in self.instruments]


class ActionChildQuerySet(ScopedQuerySet):
    """Rows that belong to the territory through their action."""

    def with_list_data(self) -> models.QuerySet:
        return self.select_related("action__scheme__territory")

    def with_detail_data(self) -> models.QuerySet:
        return self.with_list_data()


class ActionChild(models.Model):
    scope = territory_wide("action__scheme__territory")

    class Meta:
        abstract = True

    @property
    def territory(self) -> Territory:
        return self.action.scheme.territory


class DueKind(models.TextChoices):
    SCHEME = "scheme", _("tout au long du schéma")
    YEAR = "year", _("année")
    QUARTER = "quarter", _("trimestre")
    MONTH = "month", _("mois")
    DAY = "day", _("date")


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("Prévue")
    DONE = "done", _("Réalisée")
    LATE = "late", _("En retard")
    DROPPED = "dropped", _("Abandonnée")


class Milestone(ActionChild):
    """An échéance. "Late" is set by the coordinator or follows from a past due period (see state_on)."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="milestones")
    title = models.CharField(_("intitulé"), max_length=300)
    details = models.CharField(_("précisions"), max_length=300, blank=True)
    due_kind = models.CharField(_("précision de l'échéance"), max_length=10, choices=DueKind.choices)
    due_start = models.DateField(_("début de la période d'échéance"))
    due_end = models.DateField(_("fin de la période d'échéance (exclue)"))
    status = models.CharField(
        _("statut"), max_length=10, choices=MilestoneStatus.choices, default=MilestoneStatus.PLANNED
    )
    done_on = models.DateField(_("réalisée le"), null=True, blank=True)

    objects = ActionChildQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("échéance")
        verbose_name_plural = _("échéances")
        ordering = ["action", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(due_end__gt=models.F("due_start")), name="steering_milestone_period"),
            models.CheckConstraint(
                condition=Q(status="done", done_on__isnull=False) | (~Q(status="done") & Q(done_on__isnull=True)),
                name="steering_milestone_done_on",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def state_on(self, today: date) -> str:
        """The status shown: a planned milestone whose due period is over is late."""
        if self.status == MilestoneStatus.PLANNED and self.due_end <= today:
            return MilestoneStatus.LATE
        return self.status

    def state_label_on(self, today: date) -> str:
        return str(MilestoneStatus(self.state_on(today)).label)

    @property
    def due_label(self) -> str:
        from mutualis.steering.periods import due_label

        return due_label(self.due_kind, self.due_start)


class IndicatorDefinition(ActionChild):
    """A figure followed for an action: read from the registry, or entered by hand when no service covers it."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="indicators")
    label = models.CharField(_("libellé"), max_length=200)
    unit = models.CharField(_("unité"), max_length=40, blank=True)
    registry_key = models.CharField(
        _("indicateur d'un service"),
        max_length=80,
        blank=True,
        help_text=_("Laisser vide pour saisir les valeurs à la main."),
    )

    objects = ActionChildQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicateur")
        verbose_name_plural = _("indicateurs")
        ordering = ["action", "pk"]

    def __str__(self) -> str:
        return self.label


class IndicatorChildQuerySet(ScopedQuerySet):
    def with_list_data(self) -> models.QuerySet:
        return self.select_related("definition")


class Target(models.Model):
    definition = models.ForeignKey(IndicatorDefinition, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("année"))
    value = models.DecimalField(_("objectif"), max_digits=14, decimal_places=2)

    objects = IndicatorChildQuerySet.as_manager()
    scope = territory_wide("definition__action__scheme__territory")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("objectif")
        verbose_name_plural = _("objectifs")
        ordering = ["definition", "year"]
        constraints = [models.UniqueConstraint(fields=["definition", "year"], name="steering_target_year")]

    def __str__(self) -> str:
        return f"{self.definition} {self.year}: {self.value}"


class ManualValue(models.Model):
    definition = models.ForeignKey(IndicatorDefinition, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("année"))
    value = models.DecimalField(_("valeur"), max_digits=14, decimal_places=2)
    source = models.CharField(_("source"), max_length=200)

    objects = IndicatorChildQuerySet.as_manager()
    scope = territory_wide("definition__action__scheme__territory")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("valeur saisie")
        verbose_name_plural = _("valeurs saisies")
        ordering = ["definition", "year"]
        constraints = [models.UniqueConstraint(fields=["definition", "year"], name="steering_value_year")]

    def __str__(self) -> str:
        return f"{self.definition} {self.year}: {self.value}"


class CostLine(ActionChild):
    """A cost declared for an action and a year: with the charges billed, its economic balance."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="costs")
    year = models.PositiveSmallIntegerField(_("année"))
    label = models.CharField(_("libellé"), max_length=200)
    amount = models.DecimalField(_("montant (€)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])

    objects = ActionChildQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("coût déclaré")
        verbose_name_plural = _("coûts déclarés")
        ordering = ["action", "year", "pk"]

    def __str__(self) -> str:
        return f"{self.label} ({self.year})"


class AdjustmentKind(models.TextChoices):
    CALENDAR = "calendar", _("Calendrier de mise en œuvre")
    PERIMETER = "perimeter", _("Périmètre")
    RESOURCES = "resources", _("Moyens mis à disposition")
    NATURE = "nature", _("Nature de l'action")


class AdjustmentStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposé")
    ACCEPTED = "accepted", _("Accepté par le Bureau")
    REJECTED = "rejected", _("Refusé par le Bureau")


class Adjustment(ActionChild):
    """The technical committee's proposal; the milestones change only once the Bureau accepts it."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="adjustments")
    kind = models.CharField(_("nature de l'ajustement"), max_length=20, choices=AdjustmentKind.choices)
    text = models.TextField(_("proposition"))
    proposed_on = models.DateField(_("proposé le"))
    status = models.CharField(
        _("statut"), max_length=10, choices=AdjustmentStatus.choices, default=AdjustmentStatus.PROPOSED
    )
    decision = models.ForeignKey(
        Decision, verbose_name=_("décision du Bureau"), on_delete=models.PROTECT, null=True, blank=True
    )

    objects = ActionChildQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proposition d'ajustement")
        verbose_name_plural = _("propositions d'ajustement")
        ordering = ["-proposed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.action}"


class AdjustmentChangeQuerySet(ScopedQuerySet):
    def with_list_data(self) -> models.QuerySet:
        return self.select_related("milestone")


class AdjustmentChange(models.Model):
    """What the proposal would change on one milestone: a new due period, a new status, or both."""

    adjustment = models.ForeignKey(Adjustment, on_delete=models.CASCADE, related_name="changes")
    milestone = models.ForeignKey(Milestone, verbose_name=_("échéance"), on_delete=models.PROTECT)
    due_kind = models.CharField(_("nouvelle précision"), max_length=10, choices=DueKind.choices, blank=True)
    due_start = models.DateField(_("nouveau début"), null=True, blank=True)
    due_end = models.DateField(_("nouvelle fin (exclue)"), null=True, blank=True)
    status = models.CharField(_("nouveau statut"), max_length=10, choices=MilestoneStatus.choices, blank=True)

    objects = AdjustmentChangeQuerySet.as_manager()
    scope = territory_wide("adjustment__action__scheme__territory")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("échéance ajustée")
        verbose_name_plural = _("échéances ajustées")
        ordering = ["adjustment", "milestone"]

    def __str__(self) -> str:
        return str(self.milestone)

    @property
    def due_label(self) -> str:
        from mutualis.steering.periods import due_label

        return due_label(self.due_kind, self.due_start) if self.due_kind else ""


class ReportNote(ActionChild):
    """The coordinator's own text on an action, for one year's progress report."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="report_notes")
    year = models.PositiveSmallIntegerField(_("année"))
    text = models.TextField(_("commentaire"), blank=True)

    objects = ActionChildQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commentaire du bilan")
        verbose_name_plural = _("commentaires du bilan")
        constraints = [models.UniqueConstraint(fields=["action", "year"], name="steering_note_year")]

    def __str__(self) -> str:
        return f"{self.action} {self.year}"
