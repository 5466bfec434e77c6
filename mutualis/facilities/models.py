"""Sports and play facilities of the communes (action 1: technical control by the expertise cell).

Each facility has inspection plans, one per kind of inspection, with a periodicity; an
inspection of that kind restarts the count. The Code du sport (art. R322-25, for goals and
basketball hoops) asks the operator to keep a verification and maintenance plan stating the
periodicity of checks and a register of the date and results of the checks: the facility's
plans, inspections and maintenance entries are that register. A major defect puts the
facility out of service until a compliant inspection (R322-25: equipment that does not meet
the safety requirements is made inaccessible at once).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from uuid import uuid4

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mutualis.core import files
from mutualis.territory.models import Organisation, Service, Territory
from mutualis.territory.scopes import Scope, ScopedQuerySet, Through

UPCOMING_DAYS = 30

# The owner's members, and the expertise cell (coordinators and the expertise desk's
# managers) over the whole territory.
REGISTER_SCOPE = Scope(organisations=("facility__owner",), overseers=(Service.HELPDESK,))


def add_months(day: date, months: int) -> date:
    """Same day `months` later, or the month's last day when it has no such day (31 Jan + 1 → 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# ---------------------------------------------------------------- facilities


class FacilityKind(models.TextChoices):
    FOOTBALL_GOAL = "football_goal", _("But de football")
    HANDBALL_GOAL = "handball_goal", _("But de handball")
    BASKETBALL_HOOP = "basketball_hoop", _("But de basket-ball")
    MULTISPORT = "multisport", _("Terrain multisports (city-stade)")
    PLAYGROUND = "playground", _("Équipement d'aire de jeux")
    FITNESS = "fitness", _("Équipement de fitness extérieur")
    SKATE_PARK = "skate_park", _("Skatepark")
    TENNIS_COURT = "tennis_court", _("Court de tennis")
    OTHER = "other", _("Autre")


class FacilityStatus(models.TextChoices):
    IN_SERVICE = "in_service", _("En service")
    OUT_OF_SERVICE = "out_of_service", _("Hors service")
    ARCHIVED = "archived", _("Archivé")


class FacilityQuerySet(ScopedQuerySet):
    def current(self) -> FacilityQuerySet:
        return self.exclude(status=FacilityStatus.ARCHIVED)

    def with_list_data(self) -> FacilityQuerySet:
        """With `next_due_on`: the earliest due date of its plans."""
        return (
            self.select_related("owner")
            .annotate(next_due_on=models.Min("plans__next_due_on"))
            .order_by("owner__search_name", "name", "pk")
        )

    def with_detail_data(self) -> FacilityQuerySet:
        return self.select_related("owner", "territory")


class Facility(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="facilities", editable=False)
    owner = models.ForeignKey(
        Organisation, verbose_name=_("propriétaire"), on_delete=models.PROTECT, related_name="facilities"
    )
    kind = models.CharField(_("type"), max_length=20, choices=FacilityKind.choices)
    name = models.CharField(_("nom"), max_length=200, help_text=_("Par exemple « Cage de but nord, stade municipal »."))
    address = models.CharField(_("adresse ou lieu"), max_length=255)
    location_details = models.TextField(_("précisions sur l'emplacement"), blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )  # fmt: skip
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )  # fmt: skip
    manufacturer = models.CharField(_("fabricant"), max_length=200, blank=True)
    installer = models.CharField(_("installateur"), max_length=200, blank=True)
    installed_on = models.DateField(_("date d'installation"), null=True, blank=True)
    standard = models.CharField(
        _("norme"), max_length=200, blank=True,
        help_text=_("Par exemple NF EN 748 (buts de football), NF EN 1270 (basket-ball), "
                    "NF EN 15312 (terrains multisports), NF EN 1176 (aires de jeux)."),
    )  # fmt: skip
    status = models.CharField(
        _("état"), max_length=20, choices=FacilityStatus.choices, default=FacilityStatus.IN_SERVICE, editable=False
    )
    created_at = models.DateTimeField(_("inventorié le"), default=timezone.now, editable=False)
    archived_at = models.DateTimeField(_("archivé le"), null=True, blank=True, editable=False)

    objects = FacilityQuerySet.as_manager()
    scope = Scope(organisations=("owner",), overseers=(Service.HELPDESK,))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("équipement sportif")
        verbose_name_plural = _("équipements sportifs")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["territory", "status"]), models.Index(fields=["owner", "name"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=FacilityStatus.ARCHIVED, archived_at__isnull=False)
                | (~Q(status=FacilityStatus.ARCHIVED) & Q(archived_at__isnull=True)),
                name="facilities_facility_archived_has_date",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        # The territory follows the owner, like equipment.Item.
        self.territory_id = self.owner.territory_id
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "territory"}
        super().save(*args, **kwargs)

    def organisation_ids(self) -> set[int]:
        return {self.owner_id}

    @property
    def is_archived(self) -> bool:
        return self.status == FacilityStatus.ARCHIVED

    @property
    def is_out_of_service(self) -> bool:
        return self.status == FacilityStatus.OUT_OF_SERVICE


# ---------------------------------------------------------------- inspection plans


class InspectionKind(models.TextChoices):
    # The three levels of inspection of the play-area standard NF EN 1176-7.
    ROUTINE = "routine", _("Contrôle visuel de routine")
    OPERATIONAL = "operational", _("Contrôle fonctionnel")
    MAIN = "main", _("Contrôle principal annuel")


class PeriodUnit(models.TextChoices):
    DAYS = "days", _("jours")
    MONTHS = "months", _("mois")


def next_due(*, last: date | None, starts_on: date, every: int, unit: str) -> date:
    """When the next inspection is due: one period after the last one, or the plan's first
    day when there has been none yet."""
    if last is None:
        return starts_on
    return last + timedelta(days=every) if unit == PeriodUnit.DAYS else add_months(last, every)


class InspectionPlanQuerySet(ScopedQuerySet):
    def with_list_data(self) -> InspectionPlanQuerySet:
        return self.select_related("facility", "facility__owner").order_by("next_due_on", "pk")

    def of_current_facilities(self) -> InspectionPlanQuerySet:
        return self.exclude(facility__status=FacilityStatus.ARCHIVED)

    def overdue(self, today: date) -> InspectionPlanQuerySet:
        return self.of_current_facilities().filter(next_due_on__lt=today)

    def upcoming(self, today: date, days: int = UPCOMING_DAYS) -> InspectionPlanQuerySet:
        return self.of_current_facilities().filter(next_due_on__gte=today, next_due_on__lte=today + timedelta(days))

    def due(self, today: date, days: int = UPCOMING_DAYS) -> InspectionPlanQuerySet:
        """Overdue, or due within `days` days."""
        return self.of_current_facilities().filter(next_due_on__lte=today + timedelta(days))


class InspectionPlan(models.Model):
    """How often one kind of inspection is done on a facility (the plan R322-25 asks for)."""

    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="+", editable=False)
    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="plans")
    kind = models.CharField(_("type de contrôle"), max_length=20, choices=InspectionKind.choices)
    every = models.PositiveSmallIntegerField(_("périodicité"), validators=[MinValueValidator(1)])
    unit = models.CharField(_("unité"), max_length=10, choices=PeriodUnit.choices, default=PeriodUnit.MONTHS)
    starts_on = models.DateField(_("premier contrôle prévu le"))
    done_by = models.CharField(
        _("réalisé par"), max_length=200, blank=True, help_text=_("Service ou organisme chargé de ce contrôle.")
    )
    # Derived from the last inspection of this kind; kept by the services, read by lists and reminders.
    next_due_on = models.DateField(_("prochain contrôle le"), editable=False)
    reminded_on = models.DateField(null=True, blank=True, editable=False)

    objects = InspectionPlanQuerySet.as_manager()
    scope = REGISTER_SCOPE
    history = HistoricalRecords(excluded_fields=["reminded_on"])

    class Meta:
        verbose_name = _("plan de contrôle")
        verbose_name_plural = _("plans de contrôle")
        ordering = ["facility", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["facility", "kind"], name="facilities_plan_one_per_kind"),
            models.CheckConstraint(condition=Q(every__gte=1), name="facilities_plan_every_positive"),
        ]
        indexes = [models.Index(fields=["territory", "next_due_on"])]

    def __str__(self) -> str:
        return f"{self.facility} – {self.get_kind_display()}"

    def organisation_ids(self) -> set[int]:
        return {self.facility.owner_id}

    @property
    def periodicity(self) -> str:
        return f"{self.every} {self.get_unit_display()}"

    def due_after(self, last: date | None) -> date:
        return next_due(last=last, starts_on=self.starts_on, every=self.every, unit=self.unit)

    def is_overdue(self, today: date) -> bool:
        return self.next_due_on < today

    def days_late(self, today: date) -> int:
        return (today - self.next_due_on).days


# ---------------------------------------------------------------- inspections


class Compliance(models.TextChoices):
    COMPLIANT = "compliant", _("Conforme")
    MINOR = "minor", _("Défauts mineurs : à corriger")
    MAJOR = "major", _("Défaut majeur : mis hors service")


class InspectionQuerySet(ScopedQuerySet):
    def with_list_data(self) -> InspectionQuerySet:
        return self.select_related("inspector").order_by("-inspected_on", "-pk")

    def with_detail_data(self) -> InspectionQuerySet:
        return self.select_related("facility", "facility__owner", "inspector").prefetch_related(
            models.Prefetch("photos", queryset=InspectionPhoto.objects.order_by("pk"))
        )


class Inspection(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="+", editable=False)
    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="inspections")
    kind = models.CharField(_("type de contrôle"), max_length=20, choices=InspectionKind.choices)
    inspected_on = models.DateField(_("date du contrôle"))
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("contrôleur"), on_delete=models.PROTECT, related_name="+"
    )
    findings = models.TextField(_("constats"))
    compliance = models.CharField(_("conformité"), max_length=20, choices=Compliance.choices)
    actions_required = models.TextField(_("actions à mener"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = InspectionQuerySet.as_manager()
    scope = REGISTER_SCOPE
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contrôle")
        verbose_name_plural = _("contrôles")
        ordering = ["-inspected_on", "-pk"]
        indexes = [
            models.Index(fields=["facility", "kind", "inspected_on"]),
            models.Index(fields=["territory", "inspected_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(compliance=Compliance.COMPLIANT) | ~Q(actions_required=""),
                name="facilities_inspection_defect_has_actions",
            )
        ]

    def __str__(self) -> str:
        return f"{self.facility} – {self.inspected_on:%d/%m/%Y}"

    def organisation_ids(self) -> set[int]:
        return {self.facility.owner_id}


def photo_path(instance: models.Model, filename: str) -> str:
    # A random folder: one photo's address must not let anyone guess another's.
    return f"facilities/{uuid4().hex}/{filename}"


class InspectionPhotoQuerySet(ScopedQuerySet):
    def with_list_data(self) -> InspectionPhotoQuerySet:
        return self.order_by("pk")


class InspectionPhoto(models.Model):
    """A picture of the facility taken at an inspection, with the consent of anyone visible
    (the database refuses it otherwise). Same shape as equipment's photos."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to=photo_path, validators=[files.PHOTO])
    consent = models.BooleanField(_("les personnes visibles ont donné leur accord"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = InspectionPhotoQuerySet.as_manager()
    scope = Through("inspection")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("photo de contrôle")
        verbose_name_plural = _("photos de contrôle")
        constraints = [models.CheckConstraint(condition=Q(consent=True), name="facilities_photo_consent")]

    def __str__(self) -> str:
        return self.image.name

    @property
    def territory(self) -> Territory:
        return self.inspection.territory

    def organisation_ids(self) -> set[int]:
        return self.inspection.organisation_ids()


# ---------------------------------------------------------------- maintenance


class MaintenanceQuerySet(ScopedQuerySet):
    def with_list_data(self) -> MaintenanceQuerySet:
        return self.select_related("recorded_by").order_by("-done_on", "-pk")


class Maintenance(models.Model):
    """A repair or upkeep operation, kept in the register beside the inspections."""

    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="+", editable=False)
    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="maintenances")
    done_on = models.DateField(_("date de l'intervention"))
    description = models.TextField(_("intervention réalisée"))
    done_by = models.CharField(_("réalisée par"), max_length=200, help_text=_("Service technique ou entreprise."))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = MaintenanceQuerySet.as_manager()
    scope = REGISTER_SCOPE
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("intervention d'entretien")
        verbose_name_plural = _("interventions d'entretien")
        ordering = ["-done_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.facility} – {self.done_on:%d/%m/%Y}"

    def organisation_ids(self) -> set[int]:
        return {self.facility.owner_id}
