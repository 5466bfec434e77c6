"""Purchasing club and central purchasing body (action 4 of the schéma).

Organisations join the club (groupement de commandes) or the central purchasing body
(centrale d'achat) by convention: an `agreements.Adhesion` to the purchasing service whose
`instrument` is the formula (docs/architecture.md, "Adhesions"). The purchasing manager programmes consultations, each
cut into lots of articles; for a consultation the manager opens a census of needs, each
member declares per article its yearly quantity and the unit price it pays today; the
needs are consolidated per lot, the lots awarded to suppliers, and each member's savings
follow from the prices it declared. Declared prices are an organisation's private data.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mutualis.agreements.models import Instrument
from mutualis.territory.models import Organisation, Service, Territory, siret_validator
from mutualis.territory.scopes import NATIONAL, Scope, ScopedQuerySet, territory_wide

INSTRUMENTS = [
    (Instrument.JOINT_PURCHASING.value, Instrument.JOINT_PURCHASING.label),
    (Instrument.PURCHASING_CENTRE.value, Instrument.PURCHASING_CENTRE.label),
]
cpv_validator = RegexValidator(
    r"^\d{8}(-\d)?$", _("Le code CPV compte 8 chiffres (suivis ou non de -chiffre de contrôle).")
)
POSITIVE = [MinValueValidator(Decimal("0.01"))]
PRICE = {"max_digits": 14, "decimal_places": 4}  # copier prices per page are a fraction of a cent
# A member's answers, needs and prices: its own people, the coordinators and the purchasing managers.
CENSUS_DATA = Scope(
    territory="consultation__territory", organisations=("organisation",), overseers=(Service.PURCHASING,)
)


# ---------------------------------------------------------------- thresholds


class ThresholdKind(models.TextChoices):
    PUBLICATION = "publication", _("Publication des données essentielles")
    NO_FORMALITY = "no_formality", _("Dispense de publicité et de mise en concurrence")
    FORMALISED = "formalised", _("Procédure formalisée (seuil européen)")


class ProcurementThresholdQuerySet(ScopedQuerySet):
    def with_list_data(self) -> ProcurementThresholdQuerySet:
        return self.order_by("kind", "-valid_from")

    def in_force(self, on: date) -> dict[str, Decimal]:
        """The amount of each kind of threshold in force on a date (the latest one started by then)."""
        amounts: dict[str, Decimal] = {}
        for threshold in self.filter(valid_from__lte=on).order_by("valid_from"):
            amounts[threshold.kind] = threshold.amount
        return amounts


class ProcurementThreshold(models.Model):
    """A threshold of the Code de la commande publique for supplies and services bought by local
    authorities, from the day it applies: a new decree is a new row, never an edit."""

    kind = models.CharField(_("seuil"), max_length=20, choices=ThresholdKind.choices)
    amount = models.DecimalField(_("montant HT (€)"), max_digits=12, decimal_places=2)
    valid_from = models.DateField(_("applicable à partir du"))
    source = models.CharField(_("texte"), max_length=200)

    objects = ProcurementThresholdQuerySet.as_manager()
    scope = NATIONAL
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("seuil de la commande publique")
        verbose_name_plural = _("seuils de la commande publique")
        ordering = ["kind", "-valid_from"]
        constraints = [models.UniqueConstraint(fields=["kind", "valid_from"], name="purchasing_threshold_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} : {self.amount} € HT ({self.valid_from:%d/%m/%Y})"


# ---------------------------------------------------------------- programme


class Priority(models.IntegerChoices):
    HIGH = 1, _("Haute")
    MEDIUM = 2, _("Moyenne")
    LOW = 3, _("Basse")


class ConsultationStatus(models.TextChoices):
    PLANNED = "planned", _("Programmée")
    CENSUS = "census", _("Recensement des besoins ouvert")
    LAUNCHED = "launched", _("Lancée")
    AWARDED = "awarded", _("Attribuée")
    CANCELLED = "cancelled", _("Abandonnée")


TRANSITIONS: dict[str, set[str]] = {
    ConsultationStatus.PLANNED: {ConsultationStatus.CENSUS, ConsultationStatus.CANCELLED},
    ConsultationStatus.CENSUS: {ConsultationStatus.LAUNCHED, ConsultationStatus.CANCELLED},
    ConsultationStatus.LAUNCHED: {ConsultationStatus.AWARDED, ConsultationStatus.CANCELLED},
    ConsultationStatus.AWARDED: set(),
    ConsultationStatus.CANCELLED: set(),
}
LAUNCHED_STATUSES = (ConsultationStatus.LAUNCHED, ConsultationStatus.AWARDED)


class ConsultationQuerySet(ScopedQuerySet):
    def with_list_data(self) -> ConsultationQuerySet:
        return self.annotate(
            lot_count=Count("lots", distinct=True), interest_count=Count("interests", distinct=True)
        ).order_by("priority", "target_launch", "pk")

    def with_detail_data(self) -> ConsultationQuerySet:
        return self.select_related("territory").prefetch_related("lots__articles", "lots__award")


class Consultation(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="consultations")
    title = models.CharField(_("intitulé"), max_length=200)
    domain = models.CharField(_("domaine d'achat"), max_length=120)
    instrument = models.CharField(
        _("formule"), max_length=40, choices=INSTRUMENTS, default=Instrument.JOINT_PURCHASING.value
    )
    cpv_code = models.CharField(_("code CPV"), max_length=10, validators=[cpv_validator])
    priority = models.PositiveSmallIntegerField(_("priorité"), choices=Priority.choices, default=Priority.MEDIUM)
    estimated_amount = models.DecimalField(
        _("volume estimé par an (€ HT)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    duration_months = models.PositiveSmallIntegerField(
        _("durée du marché, reconductions comprises (mois)"), default=48, validators=[MinValueValidator(1)]
    )
    target_launch = models.DateField(_("lancement visé"))
    target_award = models.DateField(_("attribution visée"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("statut"), max_length=20, choices=ConsultationStatus.choices, default=ConsultationStatus.PLANNED
    )
    census_deadline = models.DateField(_("date limite du recensement"), null=True, blank=True)
    reminded_on = models.DateField(_("relance envoyée le"), null=True, blank=True)
    launched_on = models.DateField(_("lancée le"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ConsultationQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["priority", "target_launch", "pk"]
        indexes = [models.Index(fields=["territory", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_launched(self) -> bool:
        return self.status in LAUNCHED_STATUSES

    @property
    def census_is_open(self) -> bool:
        return self.status == ConsultationStatus.CENSUS

    @property
    def procedure_date(self) -> date:
        """The day whose thresholds apply: the launch, or the one aimed at until then."""
        return self.launched_on or self.target_launch

    def can_move_to(self, status: str) -> bool:
        return status in TRANSITIONS[self.status]


class InterestQuerySet(ScopedQuerySet):
    def with_list_data(self) -> InterestQuerySet:
        return self.select_related("organisation").order_by("organisation__search_name")


class Interest(models.Model):
    """A member says a programmed file interests it: it will be consulted first."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="interests")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = InterestQuerySet.as_manager()
    scope = territory_wide("consultation__territory")
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["consultation", "organisation"], name="purchasing_interest_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.consultation}"

    @property
    def territory(self) -> Territory:
        return self.consultation.territory


class LotQuerySet(ScopedQuerySet):
    def with_list_data(self) -> LotQuerySet:
        return self.order_by("number")

    def with_detail_data(self) -> LotQuerySet:
        return self.select_related("consultation__territory").prefetch_related("articles")


class Lot(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="lots")
    number = models.PositiveSmallIntegerField(_("numéro"), validators=[MinValueValidator(1)])
    title = models.CharField(_("intitulé"), max_length=200)

    objects = LotQuerySet.as_manager()
    scope = territory_wide("consultation__territory")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        ordering = ["consultation", "number"]
        constraints = [models.UniqueConstraint(fields=["consultation", "number"], name="purchasing_lot_unique_number")]

    def __str__(self) -> str:
        return _("Lot %(number)s : %(title)s") % {"number": self.number, "title": self.title}

    @property
    def territory(self) -> Territory:
        return self.consultation.territory


class ArticleQuerySet(ScopedQuerySet):
    def with_list_data(self) -> ArticleQuerySet:
        return self.select_related("lot").order_by("lot__number", "pk")


class Article(models.Model):
    """A line of the lot's price schedule; its awarded price is public (open data)."""

    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="articles")
    name = models.CharField(_("article"), max_length=200)
    unit = models.CharField(_("unité"), max_length=40)
    awarded_unit_price = models.DecimalField(
        _("prix unitaire attribué (€ HT)"), **PRICE, null=True, blank=True, validators=POSITIVE
    )

    objects = ArticleQuerySet.as_manager()
    scope = territory_wide("lot__consultation__territory")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["lot", "pk"]
        constraints = [models.UniqueConstraint(fields=["lot", "name"], name="purchasing_article_unique_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"

    @property
    def territory(self) -> Territory:
        return self.lot.consultation.territory


# ---------------------------------------------------------------- census


class AnswerQuerySet(ScopedQuerySet):
    def with_list_data(self) -> AnswerQuerySet:
        return self.select_related("organisation", "answered_by").order_by("organisation__search_name")

    def answered_during(self, start: date, end: date) -> AnswerQuerySet:
        return self.filter(answered_at__date__gte=start, answered_at__date__lt=end)

    def with_needs(self) -> AnswerQuerySet:
        """Answers declaring at least one need, not « nothing for us »."""
        needs = Need.objects.filter(consultation=OuterRef("consultation"), organisation=OuterRef("organisation"))
        return self.filter(Exists(needs))


class Answer(models.Model):
    """A member's answer to a census (with or without needs): who has not answered gets a reminder."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="answers")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(default=timezone.now)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    objects = AnswerQuerySet.as_manager()
    scope = CENSUS_DATA
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["consultation", "organisation"], name="purchasing_answer_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.consultation}"

    @property
    def territory(self) -> Territory:
        return self.consultation.territory


class NeedQuerySet(ScopedQuerySet):
    def with_list_data(self) -> NeedQuerySet:
        return self.select_related("article__lot", "organisation").order_by("article__lot__number", "article_id")


class Need(models.Model):
    """A member's yearly need for one article, with the price it pays under its current contract."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="needs")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="needs")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    quantity = models.DecimalField(_("quantité par an"), max_digits=12, decimal_places=2, validators=POSITIVE)
    current_unit_price = models.DecimalField(
        _("prix unitaire actuel (€ HT)"), **PRICE, null=True, blank=True, validators=POSITIVE
    )
    contract_end = models.DateField(_("fin du contrat actuel"), null=True, blank=True)
    comments = models.TextField(_("commentaires"), blank=True)

    objects = NeedQuerySet.as_manager()
    scope = CENSUS_DATA
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("besoin")
        verbose_name_plural = _("besoins")
        constraints = [
            models.UniqueConstraint(fields=["article", "organisation"], name="purchasing_need_unique"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="purchasing_need_quantity_positive"),
        ]
        indexes = [models.Index(fields=["consultation", "organisation"])]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.article}"

    @property
    def territory(self) -> Territory:
        return self.consultation.territory


# ---------------------------------------------------------------- award


class Procedure(models.TextChoices):
    """The procedures as the DECP schema names them."""

    NEGOTIATED_WITHOUT_NOTICE = (
        "Marché passé sans publicité ni mise en concurrence préalable",
        _("Marché sans publicité ni mise en concurrence préalable"),
    )
    ADAPTED = "Procédure adaptée", _("Procédure adaptée")
    OPEN_TENDER = "Appel d'offres ouvert", _("Appel d'offres ouvert")
    RESTRICTED_TENDER = "Appel d'offres restreint", _("Appel d'offres restreint")
    NEGOTIATED = "Procédure avec négociation", _("Procédure avec négociation")


class AwardQuerySet(ScopedQuerySet):
    def with_list_data(self) -> AwardQuerySet:
        return self.select_related("lot__consultation").prefetch_related("modifications")

    def with_detail_data(self) -> AwardQuerySet:
        return self.select_related("lot__consultation__territory").prefetch_related("modifications", "lot__articles")


class Award(models.Model):
    """The contract awarded for a lot. Once published as open data its fields stay as they
    were: later changes are Modifications."""

    lot = models.OneToOneField(Lot, on_delete=models.PROTECT, related_name="award")
    decp_id = models.CharField(_("identifiant du marché"), max_length=16)
    supplier_name = models.CharField(_("titulaire"), max_length=200)
    supplier_siret = models.CharField(_("SIRET du titulaire"), max_length=14, validators=[siret_validator])
    procedure = models.CharField(_("procédure"), max_length=80, choices=Procedure.choices)
    offers_received = models.PositiveSmallIntegerField(_("offres reçues"), validators=[MinValueValidator(1)])
    notified_on = models.DateField(_("notifié le"))
    start = models.DateField(_("début"))
    end = models.DateField(_("fin de la période initiale (exclue)"))
    renewals = models.PositiveSmallIntegerField(_("reconductions possibles"), default=0)
    amount = models.DecimalField(_("montant maximum estimé HT (€)"), max_digits=14, decimal_places=2)
    published_on = models.DateField(_("données essentielles publiées le"), null=True, blank=True)

    objects = AwardQuerySet.as_manager()
    scope = territory_wide("lot__consultation__territory")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attribution")
        verbose_name_plural = _("attributions")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="purchasing_award_end_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.lot} – {self.supplier_name}"

    @property
    def territory(self) -> Territory:
        return self.lot.consultation.territory

    @property
    def duration_months(self) -> int:
        """Initial period and every possible renewal of the same length, as DECP counts it."""
        months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month
        return max(months, 1) * (1 + self.renewals)


class ModificationQuerySet(ScopedQuerySet):
    def with_list_data(self) -> ModificationQuerySet:
        return self.order_by("award", "number")


class Modification(models.Model):
    """A change to a published award (amendment): new end, amount or supplier."""

    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="modifications")
    number = models.PositiveSmallIntegerField(_("numéro"))
    notified_on = models.DateField(_("notifiée le"))
    published_on = models.DateField(_("publiée le"))
    duration_months = models.PositiveSmallIntegerField(_("nouvelle durée (mois)"), null=True, blank=True)
    amount = models.DecimalField(_("nouveau montant HT (€)"), max_digits=14, decimal_places=2, null=True, blank=True)
    supplier_siret = models.CharField(
        _("SIRET du nouveau titulaire"), max_length=14, blank=True, validators=[siret_validator]
    )
    reason = models.CharField(_("objet de la modification"), max_length=300)

    objects = ModificationQuerySet.as_manager()
    scope = territory_wide("award__lot__consultation__territory")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("modification")
        verbose_name_plural = _("modifications")
        ordering = ["award", "number"]
        constraints = [
            models.UniqueConstraint(fields=["award", "number"], name="purchasing_modification_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.award} – {self.number}"

    @property
    def territory(self) -> Territory:
        return self.award.territory
