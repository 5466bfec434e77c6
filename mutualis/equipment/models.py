"""Shared equipment (action 3 of the schéma): the catalogue, requests and loans.

An organisation declares items it is willing to lend; another organisation of the territory
asks for one for a period (or states a need for a category, answered by proposals); the
owner accepts, which creates a Loan and its convention. A Loan blocks its item over
[start, blocked_until): its half-open period plus the owner's turnaround buffer. Active loans
of one item never overlap: the service checks it under a row lock and, on PostgreSQL, an
exclusion constraint (migration 0002) guarantees it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from uuid import uuid4

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mutualis.agreements.models import ConventionParty
from mutualis.core import files
from mutualis.territory.models import Organisation, Role, Service, Territory, search_key
from mutualis.territory.permissions import seats_of
from mutualis.territory.scopes import Scope, ScopedQuerySet, Through, territory_wide

DEFAULT_CATEGORIES = [
    _("Espaces verts"),
    _("Voirie"),
    _("Bâtiments"),
    _("Nettoyage"),
    _("Événementiel"),
    _("Autre"),
]


def photo_path(instance: models.Model, filename: str) -> str:
    # A random folder: one photo's address must not let anyone guess another's.
    return f"equipment/{uuid4().hex}/{filename}"


# ---------------------------------------------------------------- categories


class CategoryQuerySet(ScopedQuerySet):
    def with_list_data(self) -> CategoryQuerySet:
        return self.order_by("name")


class Category(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="equipment_categories")
    name = models.CharField(_("nom"), max_length=80)

    objects = CategoryQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("catégorie de matériel")
        verbose_name_plural = _("catégories de matériel")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["territory", "name"], name="equipment_category_unique_name")]

    def __str__(self) -> str:
        return self.name


# ---------------------------------------------------------------- lending rules


@dataclass(frozen=True)
class Rules:
    """The rules in force for one item, in days. `max_days` and `horizon_days` None: no limit."""

    buffer_days: int
    max_days: int | None
    horizon_days: int | None
    notice_days: int


# What applies when neither the item nor its owner says otherwise.
DEFAULT_RULES = Rules(buffer_days=0, max_days=None, horizon_days=365, notice_days=0)


class LendingRulesQuerySet(ScopedQuerySet):
    def with_list_data(self) -> LendingRulesQuerySet:
        return self.select_related("organisation").order_by("organisation__search_name")


class LendingRules(models.Model):
    """An owner's rules for all its items; an item may override each one."""

    organisation = models.OneToOneField(Organisation, on_delete=models.PROTECT, related_name="lending_rules")
    buffer_days = models.PositiveSmallIntegerField(
        _("délai entre deux prêts (jours)"),
        default=DEFAULT_RULES.buffer_days,
        help_text=_("0 permet de prêter le jour même du retour."),
    )
    max_days = models.PositiveSmallIntegerField(
        _("durée maximale d'un prêt (jours)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    horizon_days = models.PositiveSmallIntegerField(
        _("réservation possible jusqu'à (jours à l'avance)"),
        null=True,
        blank=True,
        default=DEFAULT_RULES.horizon_days,
        validators=[MinValueValidator(1)],
    )
    notice_days = models.PositiveSmallIntegerField(_("préavis minimal (jours)"), default=DEFAULT_RULES.notice_days)
    secretaries_may_decide = models.BooleanField(
        _("les secrétaires de mairie peuvent accepter ou refuser les demandes"), default=False
    )

    objects = LendingRulesQuerySet.as_manager()
    # Borrowers read the rules before asking: territory-wide, like the catalogue.
    scope = territory_wide("organisation__territory")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("règles de prêt")
        verbose_name_plural = _("règles de prêt")

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def territory(self) -> Territory:
        return self.organisation.territory


# ---------------------------------------------------------------- items


class QualificationKind(models.TextChoices):
    NONE = "none", _("Aucune")
    CACES = "caces", _("CACES")
    ELECTRICAL = "electrical", _("Habilitation électrique")
    TRAILER = "trailer", _("Permis remorque (BE)")
    OTHER = "other", _("Autre")


class ItemQuerySet(ScopedQuerySet):
    def changeable_by(self, user) -> ItemQuerySet:
        """Items the user may edit: its organisations' (as mayor or secretary), and the whole
        territory for its coordinators and equipment managers."""
        seats = seats_of(user)
        if not seats:
            return self.none()
        changeable = Q(owner_id__in={s.organisation_id for s in seats if s.role in (Role.ORG_MANAGER, Role.SECRETARY)})
        overseen = {
            s.territory_id
            for s in seats
            if s.role == Role.COORDINATOR or (s.role == Role.SERVICE_MANAGER and s.service == Service.EQUIPMENT)
        }
        return self.filter(changeable | Q(territory_id__in=overseen))

    def with_list_data(self) -> ItemQuerySet:
        return self.select_related("owner", "owner__sector", "category").order_by("search_name", "pk")

    def with_detail_data(self) -> ItemQuerySet:
        return self.select_related(
            "owner", "owner__lending_rules", "category", "contact", "territory"
        ).prefetch_related(
            models.Prefetch("photos", queryset=ItemPhoto.objects.order_by("pk")),
            models.Prefetch("unavailabilities", queryset=Unavailability.objects.order_by("start")),
        )

    def lendable(self) -> ItemQuerySet:
        return self.filter(is_lendable=True, archived_at__isnull=True)

    def search(self, text: str) -> ItemQuerySet:
        key = search_key(text.strip())
        return self.filter(search_name__contains=key) if key else self

    def available_between(self, start: date, end: date) -> ItemQuerySet:
        """Items free over [start, end): no active loan blocking any day of it (its buffer
        included) and no unavailability. The turnaround after the new loan is checked when
        asking. NOT EXISTS on indexed (item, start, blocked_until) keeps it fast on big tables."""
        taken = Loan.objects.active().filter(item=OuterRef("pk"), start__lt=end, blocked_until__gt=start)
        blocked = Unavailability.objects.filter(item=OuterRef("pk"), start__lt=end, end__gt=start)
        return self.filter(~Exists(taken), ~Exists(blocked))


class Item(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="equipment_items", editable=False)
    owner = models.ForeignKey(
        Organisation, verbose_name=_("propriétaire"), on_delete=models.PROTECT, related_name="equipment_items"
    )
    category = models.ForeignKey(Category, verbose_name=_("catégorie"), on_delete=models.PROTECT, related_name="items")
    name = models.CharField(_("nom"), max_length=200)
    search_name = models.CharField(max_length=200, editable=False, db_index=True)
    description = models.TextField(_("description"), blank=True)
    storage_location = models.CharField(_("lieu de stockage"), max_length=200, blank=True)
    quantity = models.PositiveIntegerField(
        _("quantité"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("Un lot prêté d'un bloc (20 barrières)."),
    )
    qualification_kind = models.CharField(
        _("qualification requise"), max_length=20, choices=QualificationKind.choices, default=QualificationKind.NONE
    )
    qualification = models.CharField(
        _("précision sur la qualification"), max_length=200, blank=True, help_text=_("Par exemple « CACES R486 A ».")
    )
    operator_provided = models.BooleanField(_("prêté avec un opérateur"), default=False)
    daily_fee = models.DecimalField(
        _("tarif par jour (€)"), max_digits=10, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    deposit = models.DecimalField(
        _("caution (€)"), max_digits=10, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    declared_value = models.DecimalField(
        _("valeur d'achat (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Sert à estimer les achats évités par le partage."),
    )
    conditions = models.TextField(_("conditions d'utilisation"), blank=True)
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne à contacter"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    contact_phone = models.CharField(_("téléphone du contact"), max_length=20, blank=True)
    contact_email = models.EmailField(_("courriel du contact"), blank=True)
    # Per-item overrides of the owner's lending rules; empty means the owner's rule.
    buffer_days = models.PositiveSmallIntegerField(_("délai entre deux prêts (jours)"), null=True, blank=True)
    max_days = models.PositiveSmallIntegerField(
        _("durée maximale d'un prêt (jours)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    horizon_days = models.PositiveSmallIntegerField(
        _("réservation possible jusqu'à (jours à l'avance)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    notice_days = models.PositiveSmallIntegerField(_("préavis minimal (jours)"), null=True, blank=True)
    is_lendable = models.BooleanField(_("proposé au prêt"), default=True)
    archived_at = models.DateTimeField(_("archivé le"), null=True, blank=True)
    created_at = models.DateTimeField(_("déclaré le"), default=timezone.now)

    objects = ItemQuerySet.as_manager()
    scope = territory_wide()  # the catalogue
    history = HistoricalRecords(excluded_fields=["search_name"])

    class Meta:
        verbose_name = _("matériel")
        verbose_name_plural = _("matériels")
        ordering = ["search_name", "pk"]
        constraints = [models.CheckConstraint(condition=Q(quantity__gte=1), name="equipment_item_quantity_positive")]
        indexes = [
            models.Index(fields=["territory", "category"]),
            models.Index(fields=["owner", "search_name"]),
            # The catalogue: one territory ordered by name; the ordered walk stays in the territory.
            models.Index(fields=["territory", "search_name"]),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        # Derived columns, like Organisation.search_name: the territory follows the owner.
        self.search_name = search_key(self.name)
        self.territory_id = self.owner.territory_id
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name", "territory"}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.category_id and self.owner_id and self.category.territory_id != self.owner.territory_id:
            raise ValidationError({"category": _("Cette catégorie appartient à un autre territoire.")})

    def organisation_ids(self) -> set[int]:
        return {self.owner_id}

    @property
    def rules(self) -> Rules:
        """The rules in force: the item's own, else its owner's, else the defaults."""
        try:
            owner_rules: Rules | LendingRules = self.owner.lending_rules
        except LendingRules.DoesNotExist:
            owner_rules = DEFAULT_RULES
        return Rules(
            *(
                getattr(self, name) if getattr(self, name) is not None else getattr(owner_rules, name)
                for name in ("buffer_days", "max_days", "horizon_days", "notice_days")
            )
        )

    @property
    def requires_qualification(self) -> bool:
        return self.qualification_kind != QualificationKind.NONE

    @property
    def is_available_for_loans(self) -> bool:
        return self.is_lendable and self.archived_at is None


class ItemPhotoQuerySet(ScopedQuerySet):
    def with_list_data(self) -> ItemPhotoQuerySet:
        return self.order_by("pk")


class Photo(models.Model):
    """A picture uploaded with the consent of the people it shows (the database refuses it otherwise)."""

    image = models.FileField(_("photo"), upload_to=photo_path, validators=[files.PHOTO])
    consent = models.BooleanField(
        _("les personnes visibles ont donné leur accord"),
        default=False,
        help_text=_("Cochez aussi quand personne n'est visible sur la photo."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.image.name


class ItemPhoto(Photo):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="photos")
    caption = models.CharField(_("légende"), max_length=200, blank=True)

    objects = ItemPhotoQuerySet.as_manager()
    scope = territory_wide("item__territory")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("photo de matériel")
        verbose_name_plural = _("photos de matériel")
        constraints = [models.CheckConstraint(condition=Q(consent=True), name="equipment_item_photo_consent")]

    def __str__(self) -> str:
        return self.caption or super().__str__()

    @property
    def territory(self) -> Territory:
        return self.item.territory

    def organisation_ids(self) -> set[int]:
        return {self.item.owner_id}


class UnavailabilityQuerySet(ScopedQuerySet):
    def with_list_data(self) -> UnavailabilityQuerySet:
        return self.select_related("item").order_by("start", "pk")


class Unavailability(models.Model):
    """A maintenance or blackout period [start, end) during which the item is not lent."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="unavailabilities")
    start = models.DateField(_("début"))
    end = models.DateField(_("fin (exclue)"))
    reason = models.CharField(_("motif"), max_length=200)

    objects = UnavailabilityQuerySet.as_manager()
    scope = territory_wide("item__territory")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indisponibilité")
        verbose_name_plural = _("indisponibilités")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="equipment_unavailability_end_after_start",
                violation_error_message=_("La fin doit être postérieure au début."),
            )
        ]
        indexes = [models.Index(fields=["item", "start", "end"])]

    def __str__(self) -> str:
        return f"{self.item} – {self.reason}"

    @property
    def territory(self) -> Territory:
        return self.item.territory

    def organisation_ids(self) -> set[int]:
        return {self.item.owner_id}

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)


# ---------------------------------------------------------------- requests


class Handover(models.TextChoices):
    PICKUP = "pickup", _("Retrait chez le prêteur")
    DELIVERY = "delivery", _("Livraison par le prêteur")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    PROPOSED = "proposed", _("Matériel proposé")
    ACCEPTED = "accepted", _("Acceptée")
    REFUSED = "refused", _("Refusée")
    CANCELLED = "cancelled", _("Annulée")
    FULFILLED = "fulfilled", _("Satisfaite par une proposition")


# The statuses each status may be reached from. A request for an item goes pending → accepted,
# refused or cancelled; a need (no item) goes pending → proposed → fulfilled, or cancelled.
REQUEST_TRANSITIONS: dict[str, set[str]] = {
    RequestStatus.PROPOSED: {RequestStatus.PENDING, RequestStatus.PROPOSED},
    RequestStatus.ACCEPTED: {RequestStatus.PENDING},
    RequestStatus.REFUSED: {RequestStatus.PENDING},
    RequestStatus.CANCELLED: {RequestStatus.PENDING, RequestStatus.PROPOSED, RequestStatus.ACCEPTED},
    RequestStatus.FULFILLED: {RequestStatus.PROPOSED},
}

OPEN_REQUEST_STATUSES = [RequestStatus.PENDING, RequestStatus.PROPOSED]


class RequestQuerySet(ScopedQuerySet):
    def with_list_data(self) -> RequestQuerySet:
        return self.select_related("borrower", "owner", "item", "category", "contact").order_by("-created_at", "-pk")

    def with_detail_data(self) -> RequestQuerySet:
        return self.select_related(
            "borrower", "owner", "owner__lending_rules", "item", "category", "contact", "created_by", "territory"
        ).prefetch_related(
            models.Prefetch("proposals", queryset=Proposal.objects.select_related("item", "item__owner", "proposed_by"))
        )

    def open(self) -> RequestQuerySet:
        return self.filter(status__in=OPEN_REQUEST_STATUSES)

    def needs(self) -> RequestQuerySet:
        return self.filter(item__isnull=True)

    def overlapping(self, start: date, end: date) -> RequestQuerySet:
        return self.filter(start__lt=end, end__gt=start)

    def pending_first(self) -> RequestQuerySet:
        """Pending requests first (what awaits a decision), then the newest."""
        waiting = models.Case(models.When(status=RequestStatus.PENDING, then=0), default=1)
        return self.order_by(waiting, "-created_at", "-pk")


class Request(models.Model):
    """A borrower's demand: for one item, or, when it does not know which, for a category (a need)."""

    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="equipment_requests")
    borrower = models.ForeignKey(
        Organisation, verbose_name=_("emprunteur"), on_delete=models.PROTECT, related_name="equipment_requests"
    )
    item = models.ForeignKey(
        Item, verbose_name=_("matériel"), on_delete=models.PROTECT, null=True, blank=True, related_name="requests"
    )
    # The item's owner, kept beside it so that lists and access need no join; empty for a need.
    owner = models.ForeignKey(
        Organisation, verbose_name=_("prêteur"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    category = models.ForeignKey(Category, verbose_name=_("catégorie"), on_delete=models.PROTECT, related_name="+")
    need = models.ForeignKey(
        "self",
        verbose_name=_("besoin d'origine"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="item_requests",
    )
    start = models.DateField(_("premier jour"))
    end = models.DateField(_("fin (exclue)"))
    purpose = models.TextField(_("usage prévu"))
    handover = models.CharField(_("remise"), max_length=20, choices=Handover.choices, default=Handover.PICKUP)
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("contact"), on_delete=models.PROTECT, related_name="+"
    )
    qualification_declared = models.BooleanField(_("la qualification requise est détenue"), default=False)
    qualification_holder = models.CharField(_("titulaire de la qualification"), max_length=200, blank=True)
    status = models.CharField(_("statut"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    refusal_reason = models.TextField(_("motif du refus"), blank=True)
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("décidée par"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("saisie par"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("saisie le"), default=timezone.now)

    objects = RequestQuerySet.as_manager()
    # The parties and the overseers; a need (no item yet) also the staff of every organisation
    # of the territory, who may answer it with their items.
    scope = Scope(
        organisations=("borrower", "owner"),
        overseers=(Service.EQUIPMENT,),
        readers=(Role.ORG_MANAGER, Role.SECRETARY),
        when={"item": None},
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("demande de matériel")
        verbose_name_plural = _("demandes de matériel")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="equipment_request_end_after_start",
                violation_error_message=_("La fin doit être postérieure au début."),
            ),
            models.CheckConstraint(
                condition=Q(item__isnull=True, owner__isnull=True) | Q(item__isnull=False, owner__isnull=False),
                name="equipment_request_owner_with_item",
            ),
            models.CheckConstraint(condition=Q(status__in=RequestStatus.values), name="equipment_request_status"),
            models.CheckConstraint(
                condition=~Q(status=RequestStatus.REFUSED) | ~Q(refusal_reason=""),
                name="equipment_request_refusal_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["territory", "status"]),
            models.Index(fields=["owner", "status"]),
            models.Index(fields=["borrower", "status"]),
            models.Index(fields=["item", "start", "end"]),
        ]

    def __str__(self) -> str:
        return f"{self.item or self.category} – {self.borrower}"

    def organisation_ids(self) -> set[int]:
        return {self.borrower_id, self.owner_id} - {None}

    @property
    def is_need(self) -> bool:
        return self.item_id is None

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def can_become(self, status: str) -> bool:
        return self.status in REQUEST_TRANSITIONS[status]

    @property
    def can_be_decided(self) -> bool:
        return not self.is_need and self.status == RequestStatus.PENDING

    @property
    def can_be_cancelled(self) -> bool:
        return self.can_become(RequestStatus.CANCELLED)

    @property
    def can_receive_proposals(self) -> bool:
        return self.is_need and self.status in OPEN_REQUEST_STATUSES


class ProposalQuerySet(ScopedQuerySet):
    def with_list_data(self) -> ProposalQuerySet:
        return self.select_related("item", "item__owner", "proposed_by").order_by("pk")


class Proposal(models.Model):
    """An item offered in answer to a need; the borrower may turn it into a request for that item."""

    request = models.ForeignKey(Request, on_delete=models.PROTECT, related_name="proposals")
    item = models.ForeignKey(Item, verbose_name=_("matériel"), on_delete=models.PROTECT, related_name="proposals")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposé par"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ProposalQuerySet.as_manager()
    scope = Through("request")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proposition de matériel")
        verbose_name_plural = _("propositions de matériel")
        constraints = [models.UniqueConstraint(fields=["request", "item"], name="equipment_proposal_unique_item")]

    def __str__(self) -> str:
        return f"{self.item} → {self.request}"

    @property
    def territory(self) -> Territory:
        return self.request.territory

    def organisation_ids(self) -> set[int]:
        return self.request.organisation_ids() | {self.item.owner_id}


# ---------------------------------------------------------------- loans


class LoanStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Prévu")
    OUT = "out", _("En cours")
    RETURNED = "returned", _("Rendu")
    CANCELLED = "cancelled", _("Annulé")


ACTIVE_LOAN_STATUSES = [LoanStatus.SCHEDULED, LoanStatus.OUT]

LOAN_TRANSITIONS: dict[str, set[str]] = {
    LoanStatus.OUT: {LoanStatus.SCHEDULED},
    LoanStatus.RETURNED: {LoanStatus.OUT},
    LoanStatus.CANCELLED: {LoanStatus.SCHEDULED},
}


class LoanQuerySet(ScopedQuerySet):
    def with_list_data(self) -> LoanQuerySet:
        return self.select_related("item", "borrower", "owner").order_by("-start", "-pk")

    def with_detail_data(self) -> LoanQuerySet:
        return self.select_related(
            "item", "item__contact", "borrower", "owner", "territory", "convention", "request", "request__contact"
        ).prefetch_related(
            models.Prefetch("photos", queryset=LoanPhoto.objects.order_by("pk")),
            # What the handover gate reads: who has signed the convention, and any waiver.
            models.Prefetch("convention__convention_parties", queryset=ConventionParty.objects.with_list_data()),
            "convention__signature_waivers",
        )

    def active(self) -> LoanQuerySet:
        """Loans that hold their item: scheduled or out."""
        return self.filter(status__in=ACTIVE_LOAN_STATUSES)

    def blocking(self, start: date, end: date) -> LoanQuerySet:
        """Active loans whose blocked span [start, blocked_until) meets [start, end)."""
        return self.active().filter(start__lt=end, blocked_until__gt=start)

    def overdue(self, today: date | None = None) -> LoanQuerySet:
        return self.filter(status=LoanStatus.OUT, end__lte=today or timezone.localdate())

    def returned_between(self, start: date, end: date) -> LoanQuerySet:
        return self.filter(status=LoanStatus.RETURNED, checked_in_on__gte=start, checked_in_on__lt=end)


class Loan(models.Model):
    """An accepted request: the item is lent over [start, end) and blocked until `blocked_until`
    (the end plus the turnaround buffer in force at acceptance)."""

    request = models.OneToOneField(Request, on_delete=models.PROTECT, related_name="loan")
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="equipment_loans")
    item = models.ForeignKey(Item, verbose_name=_("matériel"), on_delete=models.PROTECT, related_name="loans")
    owner = models.ForeignKey(Organisation, verbose_name=_("prêteur"), on_delete=models.PROTECT, related_name="+")
    borrower = models.ForeignKey(
        Organisation, verbose_name=_("emprunteur"), on_delete=models.PROTECT, related_name="equipment_loans"
    )
    start = models.DateField(_("premier jour"))
    end = models.DateField(_("fin (exclue)"))
    blocked_until = models.DateField(_("matériel bloqué jusqu'au (exclu)"))
    status = models.CharField(_("statut"), max_length=20, choices=LoanStatus.choices, default=LoanStatus.SCHEDULED)
    # The prices agreed at acceptance: later changes to the item do not alter a loan.
    daily_fee = models.DecimalField(_("tarif par jour (€)"), max_digits=10, decimal_places=2)
    deposit = models.DecimalField(_("caution (€)"), max_digits=10, decimal_places=2)
    convention = models.ForeignKey(
        "agreements.Convention",
        verbose_name=_("convention"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    checked_out_on = models.DateField(_("remis le"), null=True, blank=True)
    checkout_notes = models.TextField(_("état au départ"), blank=True)
    checked_in_on = models.DateField(_("rendu le"), null=True, blank=True)
    checkin_notes = models.TextField(_("état au retour"), blank=True)
    damage = models.BooleanField(_("dommages constatés"), default=False)
    damage_description = models.TextField(_("description des dommages"), blank=True)
    damage_amount = models.DecimalField(
        _("montant des dommages (€)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    overdue_notified_at = models.DateTimeField(_("retard signalé le"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = LoanQuerySet.as_manager()
    scope = Scope(organisations=("borrower", "owner"), overseers=(Service.EQUIPMENT,))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("prêt")
        verbose_name_plural = _("prêts")
        ordering = ["-start", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="equipment_loan_end_after_start"),
            models.CheckConstraint(condition=Q(blocked_until__gte=F("end")), name="equipment_loan_blocked_after_end"),
            models.CheckConstraint(condition=Q(status__in=LoanStatus.values), name="equipment_loan_status"),
            models.CheckConstraint(
                condition=~Q(status__in=[LoanStatus.OUT, LoanStatus.RETURNED]) | Q(checked_out_on__isnull=False),
                name="equipment_loan_out_has_checkout",
            ),
            models.CheckConstraint(
                condition=~Q(status=LoanStatus.RETURNED) | Q(checked_in_on__isnull=False),
                name="equipment_loan_returned_has_checkin",
            ),
        ]
        indexes = [
            # The availability test (NOT EXISTS … item = ? AND start < ? AND blocked_until > ?).
            models.Index(
                fields=["item", "start", "blocked_until"],
                condition=Q(status__in=ACTIVE_LOAN_STATUSES),
                name="equipment_loan_active_span",
            ),
            models.Index(fields=["territory", "status"]),
            models.Index(fields=["borrower", "start"]),
            models.Index(fields=["owner", "start"]),
        ]

    def __str__(self) -> str:
        return f"{self.item} – {self.borrower}"

    def organisation_ids(self) -> set[int]:
        return {self.borrower_id, self.owner_id}

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def days_lent(self) -> int | None:
        """Days the item was actually away, half-open like periods: out on the 3rd and back on
        the 5th is two days; a same-day return counts one."""
        if self.checked_out_on is None or self.checked_in_on is None:
            return None
        return max(1, (self.checked_in_on - self.checked_out_on).days)

    @property
    def is_overdue(self) -> bool:
        return self.status == LoanStatus.OUT and timezone.localdate() >= self.end

    def can_become(self, status: str) -> bool:
        return self.status in LOAN_TRANSITIONS[status]

    @property
    def can_be_checked_out(self) -> bool:
        return self.can_become(LoanStatus.OUT)

    @property
    def can_be_checked_in(self) -> bool:
        return self.can_become(LoanStatus.RETURNED)


class PhotoStage(models.TextChoices):
    CHECKOUT = "checkout", _("Au départ")
    CHECKIN = "checkin", _("Au retour")


class LoanPhotoQuerySet(ScopedQuerySet):
    def with_list_data(self) -> LoanPhotoQuerySet:
        return self.order_by("pk")


class LoanPhoto(Photo):
    """A photo of the item's condition when handed over or returned."""

    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="photos")
    stage = models.CharField(_("moment"), max_length=20, choices=PhotoStage.choices)

    objects = LoanPhotoQuerySet.as_manager()
    scope = Through("loan")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("photo d'état")
        verbose_name_plural = _("photos d'état")
        constraints = [models.CheckConstraint(condition=Q(consent=True), name="equipment_loan_photo_consent")]

    @property
    def territory(self) -> Territory:
        return self.loan.territory

    def organisation_ids(self) -> set[int]:
        return self.loan.organisation_ids()


# ---------------------------------------------------------------- reads for the decision page and dashboards


def conflicting_requests(request: Request) -> RequestQuerySet:
    """Other pending requests for the same item that cannot also be accepted once this one is:
    their blocked span (period plus turnaround buffer) meets this one's."""
    if request.item_id is None:
        return Request.objects.none()
    buffer = timedelta(days=request.item.rules.buffer_days)
    return (
        Request.objects.filter(item_id=request.item_id, status=RequestStatus.PENDING)
        .exclude(pk=request.pk)
        .filter(start__lt=request.end + buffer, end__gt=request.start - buffer)
        .with_list_data()
    )


def overdue_loans(territory: Territory) -> LoanQuerySet:
    """Loans of the territory whose item is still out on or after its return day."""
    return Loan.objects.filter(territory=territory).overdue().with_list_data()
