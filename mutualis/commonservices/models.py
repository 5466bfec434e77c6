"""Services communs (schéma, action 7; CGCT L5211-4-2 and D5211-16).

The agglomeration carries services (planning permits instruction, HR pack, the expertise cell…)
that any member may join under a convention: the adhesion is the backbone's `agreements.Adhesion`
whose subject is the `CommonService`, and `ExpectedVolume` holds what the member expects to use
each year. Each year the service's cost is set on a `CostSheet` (from the budget, then from the
accounts) made of `CostLine`s, whose total over the units of work gives the unit cost (D5211-16:
staff, supplies, renewal of goods, service contracts; never financial charges). `UnitUse` records
the units each adherent used. An `Instalment` is one amount owed by an adherent: the provisional
calls of the year, on expected volumes at the budget's unit cost, then the year-end settlement,
on actual units at the accounts' unit cost. An invoiced service posts each instalment as a
`billing.Charge`; a service settled by deduction from the attribution de compensation lists them
on the commune's yearly statement instead. The ad hoc commission (§4) follows the services:
`CommissionMember`, `CommissionMeeting`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from uuid import uuid4

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mutualis.agreements.models import Adhesion
from mutualis.core import files
from mutualis.territory.models import COMMUNE_STAFF, Organisation, Service, Territory
from mutualis.territory.scopes import Scope, ScopedQuerySet, Through, territory_wide

CENT, THOUSANDTH = Decimal("0.01"), Decimal("0.001")
UNITS = {"max_digits": 12, "decimal_places": 3, "validators": [MinValueValidator(Decimal("0.001"))]}
YEAR = {"validators": [MinValueValidator(2000), MaxValueValidator(2100)]}


class Settlement(models.TextChoices):
    INVOICE = "invoice", _("Facturation à l'adhérent")
    AC_DEDUCTION = "ac_deduction", _("Déduction de l'attribution de compensation")


class Rhythm(models.TextChoices):
    """How often provisional calls are made: the number of periods in the year."""

    QUARTERLY = "quarterly", _("Trimestriel")
    HALF_YEARLY = "half_yearly", _("Semestriel")
    YEARLY = "yearly", _("Annuel")


PERIODS_PER_YEAR = {Rhythm.QUARTERLY: 4, Rhythm.HALF_YEARLY: 2, Rhythm.YEARLY: 1}


def period_span(year: int, periods: int, number: int) -> tuple[date, date]:
    """The half-open span of period `number` (1…periods) of the year cut in `periods` equal parts."""
    months = 12 // periods
    start = date(year, 1 + months * (number - 1), 1)
    end = date(year + 1, 1, 1) if number == periods else date(year, 1 + months * number, 1)
    return start, end


class CommonServiceQuerySet(ScopedQuerySet):
    def active(self) -> CommonServiceQuerySet:
        return self.filter(active=True)

    def with_list_data(self) -> CommonServiceQuerySet:
        adhesions = Adhesion.objects.filter(
            service=Service.COMMON_SERVICES,
            subject_type__model="commonservice",
            subject_type__app_label="commonservices",
            subject_id=models.OuterRef("pk"),
            end__isnull=True,
        )
        count = adhesions.order_by().values("subject_id").annotate(n=models.Count("pk")).values("n")
        return self.annotate(adherent_count=models.functions.Coalesce(models.Subquery(count), 0)).order_by("name")


class CommonService(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="common_services")
    name = models.CharField(_("nom du service"), max_length=120)
    description = models.TextField(_("ce que le service assure"))
    audience = models.CharField(_("pour qui"), max_length=200, help_text=_("Communes, syndicats, CCAS…"))
    unit = models.CharField(
        _("unité d'œuvre"), max_length=60, help_text=_("Au singulier : acte instruit, heure, agent géré, habitant…")
    )
    settlement = models.CharField(
        _("mode de règlement"), max_length=20, choices=Settlement.choices, default=Settlement.INVOICE
    )
    rhythm = models.CharField(
        _("appels provisionnels"), max_length=20, choices=Rhythm.choices, default=Rhythm.QUARTERLY
    )
    convention_model = models.TextField(
        _("modèle de convention"),
        help_text=_("L'objet de la convention d'adhésion, repris dans chaque convention (CGCT L5211-4-2)."),
    )
    notice_months = models.PositiveSmallIntegerField(
        _("préavis de retrait (mois)"),
        default=3,
        validators=[MaxValueValidator(24)],
        help_text=_("Repris dans chaque convention d'adhésion : un adhérent part au plus tôt à son terme."),
    )
    feed = models.CharField(
        _("unités transmises par"),
        max_length=60,
        blank=True,
        help_text=_("Le service qui compte lui-même les unités d'œuvre, s'il y en a un."),
    )
    active = models.BooleanField(_("ouvert aux adhésions"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = CommonServiceQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("service commun")
        verbose_name_plural = _("services communs")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "name"], name="commonservices_service_unique_name"),
            models.CheckConstraint(condition=Q(settlement__in=Settlement.values), name="commonservices_settlement"),
            models.CheckConstraint(condition=Q(rhythm__in=Rhythm.values), name="commonservices_rhythm"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def periods(self) -> int:
        return PERIODS_PER_YEAR[self.rhythm]

    @property
    def is_deducted(self) -> bool:
        return self.settlement == Settlement.AC_DEDUCTION

    def adhesions(self):
        return Adhesion.objects.of_service(Service.COMMON_SERVICES).for_subject(self)


class ExpectedVolumeQuerySet(ScopedQuerySet):
    def of_year(self, year: int) -> ExpectedVolumeQuerySet:
        return self.filter(year=year)


class ExpectedVolume(models.Model):
    """The units of work an adherent expects to use in a year: the base of the provisional calls."""

    adhesion = models.ForeignKey(Adhesion, on_delete=models.PROTECT, related_name="expected_volumes")
    year = models.PositiveSmallIntegerField(_("année"), **YEAR)
    units = models.DecimalField(_("volume prévu"), **UNITS)

    objects = ExpectedVolumeQuerySet.as_manager()
    scope = Through("adhesion")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("volume prévu")
        verbose_name_plural = _("volumes prévus")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["adhesion", "year"], name="commonservices_volume_unique_year"),
            models.CheckConstraint(condition=Q(units__gt=0), name="commonservices_volume_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.adhesion} – {self.year} : {self.units}"


class Source(models.TextChoices):
    BUDGET = "budget", _("Budget primitif")
    ACCOUNTS = "accounts", _("Compte administratif")


class CostKind(models.TextChoices):
    """D5211-16: what the unit cost covers. Financial charges are a choice only to be refused clearly."""

    STAFF = "staff", _("Charges de personnel")
    SUPPLIES = "supplies", _("Fournitures")
    RENEWAL = "renewal", _("Renouvellement des biens")
    CONTRACTS = "contracts", _("Contrats de services rattachés")
    FINANCIAL = "financial", _("Charges financières")


COUNTED_KINDS = [kind for kind in CostKind.values if kind != CostKind.FINANCIAL]


class CostSheetQuerySet(ScopedQuerySet):
    def with_totals(self) -> CostSheetQuerySet:
        return self.annotate(total_cost=models.functions.Coalesce(Sum("lines__amount"), Decimal("0")))

    def of_year(self, year: int) -> CostSheetQuerySet:
        return self.filter(year=year)


class CostSheet(models.Model):
    """One year's cost of a service, from the budget (provisional) or the accounts (settlement)."""

    service = models.ForeignKey(CommonService, on_delete=models.PROTECT, related_name="cost_sheets")
    year = models.PositiveSmallIntegerField(_("année"), **YEAR)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    total_units = models.DecimalField(
        _("unités d'œuvre de l'année"),
        help_text=_("Toutes les unités que le service produit dans l'année, y compris pour l'agglomération."),
        **UNITS,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    objects = CostSheetQuerySet.as_manager()
    scope = territory_wide("service__territory")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("coût du service")
        verbose_name_plural = _("coûts du service")
        ordering = ["-year", "source"]
        constraints = [
            models.UniqueConstraint(fields=["service", "year", "source"], name="commonservices_sheet_unique"),
            models.CheckConstraint(condition=Q(total_units__gt=0), name="commonservices_sheet_units_positive"),
            models.CheckConstraint(condition=Q(source__in=Source.values), name="commonservices_sheet_source"),
        ]

    def __str__(self) -> str:
        return f"{self.service} – {self.year} ({self.get_source_display()})"

    @property
    def territory(self) -> Territory:
        return self.service.territory

    @property
    def total(self) -> Decimal:
        if hasattr(self, "total_cost"):
            return Decimal(self.total_cost).quantize(CENT)  # SQLite sums decimals as floats
        return sum((line.amount for line in self.lines.all()), Decimal("0"))

    @property
    def exact_unit_cost(self) -> Fraction:
        return Fraction(self.total) / Fraction(self.total_units)

    @property
    def unit_cost(self) -> Decimal:
        """For display: the exact unit cost to the hundredth of a cent (the amounts use the exact one)."""
        return (Decimal(self.exact_unit_cost.numerator) / Decimal(self.exact_unit_cost.denominator)).quantize(
            Decimal("0.0001")
        )


class CostLine(models.Model):
    sheet = models.ForeignKey(CostSheet, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(_("nature"), max_length=20, choices=CostKind.choices)
    label = models.CharField(_("libellé"), max_length=200)
    amount = models.DecimalField(
        _("montant (€)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )

    objects = ScopedQuerySet.as_manager()
    scope = Through("sheet")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ligne de coût")
        verbose_name_plural = _("lignes de coût")
        ordering = ["kind", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=COUNTED_KINDS), name="commonservices_line_no_financial"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="commonservices_line_amount"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.label}"

    @property
    def territory(self) -> Territory:
        return self.sheet.service.territory


class Origin(models.TextChoices):
    MANUAL = "manual", _("Saisie")
    IMPORT = "import", _("Import")
    FEED = "feed", _("Transmis par le service")


class UnitUseQuerySet(ScopedQuerySet):
    def between(self, start: date, end: date) -> UnitUseQuerySet:
        return self.filter(day__gte=start, day__lt=end)

    def with_list_data(self) -> UnitUseQuerySet:
        return self.select_related("organisation", "service").order_by("-day", "organisation__search_name", "pk")

    def by_organisation(self) -> dict[int, Decimal]:
        rows = self.order_by().values("organisation_id").annotate(total=Sum("units"))
        # SQLite sums decimals as floats: back to the thousandth the column holds.
        return {row["organisation_id"]: row["total"].quantize(THOUSANDTH) for row in rows}


class UnitUse(models.Model):
    """Units of work an adherent used, on a day (a feed's units are dated at the start of their period)."""

    service = models.ForeignKey(CommonService, on_delete=models.PROTECT, related_name="unit_uses")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("adhérent"), on_delete=models.PROTECT, related_name="+"
    )
    day = models.DateField(_("date"))
    units = models.DecimalField(_("unités"), **UNITS)
    origin = models.CharField(_("origine"), max_length=10, choices=Origin.choices, default=Origin.MANUAL)
    note = models.CharField(_("précision"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = UnitUseQuerySet.as_manager()
    # The adherent's mayor and secretaries, the coordination and the services communs' managers.
    scope = Scope(
        territory="service__territory",
        organisations=("organisation",),
        organisation_roles=COMMUNE_STAFF,
        overseers=(Service.COMMON_SERVICES,),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unités d'œuvre utilisées")
        verbose_name_plural = _("unités d'œuvre utilisées")
        ordering = ["-day", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(units__gt=0), name="commonservices_use_positive"),
            # A feed read again over the same period updates its rows rather than adding to them.
            models.UniqueConstraint(
                fields=["service", "organisation", "day"],
                condition=Q(origin="feed"),
                name="commonservices_use_one_feed_row",
            ),
        ]
        indexes = [models.Index(fields=["service", "day"])]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.day} : {self.units}"

    @property
    def territory(self) -> Territory:
        return self.service.territory


SETTLEMENT_PERIOD = 0


class InstalmentQuerySet(ScopedQuerySet):
    def provisional(self) -> InstalmentQuerySet:
        return self.exclude(period=SETTLEMENT_PERIOD)

    def settlements(self) -> InstalmentQuerySet:
        return self.filter(period=SETTLEMENT_PERIOD)

    def with_list_data(self) -> InstalmentQuerySet:
        # The settlement (period 0) after the year's calls.
        settlement_last = models.Case(
            models.When(period=SETTLEMENT_PERIOD, then=5),
            default=models.F("period"),
            output_field=models.IntegerField(),
        )
        return self.select_related("service", "organisation", "charge").order_by(
            "organisation__search_name", "service__name", "year", settlement_last
        )

    def total(self) -> Decimal:
        return (self.aggregate(total=Sum("amount"))["total"] or Decimal("0")).quantize(CENT)


class Instalment(models.Model):
    """An amount an adherent owes for a year of a service: a provisional call (`period` 1…4) or
    the year-end settlement (`period` 0), which may be negative. Posted once: never twice."""

    service = models.ForeignKey(CommonService, on_delete=models.PROTECT, related_name="instalments")
    adhesion = models.ForeignKey(Adhesion, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("adhérent"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("année"), **YEAR)
    period = models.PositiveSmallIntegerField(_("période"), validators=[MaxValueValidator(4)])
    units = models.DecimalField(_("unités"), max_digits=12, decimal_places=3)
    unit_cost = models.DecimalField(_("coût unitaire (€)"), max_digits=14, decimal_places=4)
    amount = models.DecimalField(_("montant (€)"), max_digits=14, decimal_places=2)
    charge = models.ForeignKey("billing.Charge", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = InstalmentQuerySet.as_manager()
    scope = Scope(
        territory="service__territory",
        organisations=("organisation",),
        organisation_roles=COMMUNE_STAFF,
        overseers=(Service.COMMON_SERVICES, Service.BILLING),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appel du service commun")
        verbose_name_plural = _("appels du service commun")
        ordering = ["year", "period", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["adhesion", "year", "period"], name="commonservices_instalment_once"),
            models.CheckConstraint(condition=Q(period__lte=4), name="commonservices_instalment_period"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.service} – {self.label}"

    @property
    def territory(self) -> Territory:
        return self.service.territory

    @property
    def is_settlement(self) -> bool:
        return self.period == SETTLEMENT_PERIOD

    @property
    def label(self) -> str:
        if self.is_settlement:
            return _("Régularisation %(year)s") % {"year": self.year}
        if self.service.periods == 1:
            return _("Appel provisionnel %(year)s") % {"year": self.year}
        return _("Appel provisionnel %(year)s, période %(period)s sur %(periods)s") % {
            "year": self.year,
            "period": self.period,
            "periods": self.service.periods,
        }


class CommissionMember(models.Model):
    """A member of the ad hoc commission that follows and evaluates the services communs (schéma §4)."""

    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("membre"), on_delete=models.PROTECT)
    quality = models.CharField(_("qualité"), max_length=120, help_text=_("Maire de…, vice-président·e…"))
    since = models.DateField(_("membre depuis le"), default=timezone.localdate)

    objects = ScopedQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membre de la commission")
        verbose_name_plural = _("membres de la commission")
        ordering = ["user__last_name", "user__first_name"]
        constraints = [models.UniqueConstraint(fields=["territory", "user"], name="commonservices_member_once")]

    def __str__(self) -> str:
        return f"{self.user} ({self.quality})"


def minutes_path(meeting: CommissionMeeting, filename: str) -> str:
    return f"commission/{uuid4().hex}/{filename}"


class CommissionMeeting(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="+")
    day = models.DateField(_("date de la réunion"))
    agenda = models.CharField(_("ordre du jour"), max_length=200)
    minutes = models.FileField(
        _("compte rendu"), upload_to=minutes_path, blank=True, validators=[files.DOCUMENT], max_length=300
    )
    minutes_name = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("réunion de la commission")
        verbose_name_plural = _("réunions de la commission")
        ordering = ["-day", "-pk"]

    def __str__(self) -> str:
        return f"{self.day} – {self.agenda}"
