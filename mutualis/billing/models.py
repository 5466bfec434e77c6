"""The charge ledger: what each organisation owes for the shared services it used.

Domain apps never write here directly: they call `billing.services.charge_post`.
A charge is never deleted nor edited; a wrong one is cancelled with a reason and posted again.
A charge names its service, not its action: the schéma in force on its date says which action
that is (`billing.actions`).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mutualis.core import money
from mutualis.core.periods import MonthStart
from mutualis.territory.models import COMMUNE_STAFF, Organisation, Service, Territory
from mutualis.territory.scopes import Scope, ScopedQuerySet


class ChargeStatus(models.TextChoices):
    POSTED = "posted", _("Enregistrée")
    CANCELLED = "cancelled", _("Annulée")


class ChargeQuerySet(ScopedQuerySet):
    def with_list_data(self) -> ChargeQuerySet:
        return self.select_related("organisation").order_by("-date", "-pk")

    def with_detail_data(self) -> ChargeQuerySet:
        return self.select_related("organisation", "territory", "created_by", "cancelled_by", "source_type")

    def posted(self) -> ChargeQuerySet:
        return self.filter(status=ChargeStatus.POSTED)

    def of_organisation(self, organisation: Organisation) -> ChargeQuerySet:
        return self.filter(organisation=organisation)

    def in_period(self, start, end) -> ChargeQuerySet:
        """Charges whose service date falls in the half-open period [start, end)."""
        return self.filter(date__gte=start, date__lt=end)

    def posted_total(self) -> Decimal:
        return self.posted().aggregate(total=Sum("amount"))["total"] or Decimal("0.00")

    def totals_by_service(self) -> models.QuerySet:
        """Rows {service, total, count} of the posted charges, one per service."""
        return (
            self.posted()
            .order_by()
            .values("service")
            .annotate(total=Sum("amount"), count=Count("pk"))
            .order_by("service")
        )

    def totals_by_service_and_month(self) -> models.QuerySet:
        """Rows {service, month (first day), total} of the posted charges."""
        return (
            self.posted()
            .order_by()
            .annotate(month=MonthStart("date"))
            .values("service", "month")
            .annotate(total=Sum("amount"))
            .order_by("month", "service")
        )

    def totals_by_month(self) -> models.QuerySet:
        """Rows {month (first day), total, count} of the posted charges, one per month of service."""
        return (
            self.posted()
            .order_by()
            .annotate(month=MonthStart("date"))
            .values("month")
            .annotate(total=Sum("amount"), count=Count("pk"))
            .order_by("month")
        )


# The fonds de concours is money the EPCI gives to communes' projects, never a charge to them.
BILLABLE_SERVICES = [(value, label) for value, label in Service.choices if value != Service.GRANTS]


class Charge(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="charges")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation facturée"), on_delete=models.PROTECT, related_name="charges"
    )
    service = models.CharField(_("service"), max_length=20, choices=Service.choices)
    label = models.CharField(_("libellé"), max_length=200)
    quantity = models.DecimalField(
        _("quantité"), max_digits=10, decimal_places=3, validators=[MinValueValidator(Decimal("0.001"))]
    )
    unit_price = models.DecimalField(
        _("prix unitaire (€)"),
        max_digits=12,
        decimal_places=2,
        help_text=_("Un prix négatif enregistre un avoir."),
    )
    amount = models.DecimalField(_("montant (€)"), max_digits=14, decimal_places=2)
    date = models.DateField(_("date du service"))
    source_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    status = models.CharField(_("statut"), max_length=20, choices=ChargeStatus.choices, default=ChargeStatus.POSTED)
    cancel_reason = models.TextField(_("motif d'annulation"), blank=True)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("annulée par"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saisie par"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("saisie le"), default=timezone.now)

    objects = ChargeQuerySet.as_manager()
    # Its organisation, the coordination and billing; each service manager, the charges of the service.
    scope = Scope(
        organisations=("organisation",),
        organisation_roles=COMMUNE_STAFF,
        overseers=(Service.BILLING,),
        service="service",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ligne de facturation")
        verbose_name_plural = _("lignes de facturation")
        ordering = ["-date", "-pk"]
        # The rule amount = round(quantity × unit_price, 2), give or take the cent a split hands
        # to a part, is exact only on PostgreSQL's numeric type (SQLite stores decimals as
        # floats); migrations 0002 and 0004 add it there only.
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="billing_charge_quantity_positive"),
            models.CheckConstraint(condition=Q(status__in=ChargeStatus.values), name="billing_charge_status_valid"),
            models.CheckConstraint(
                condition=(
                    Q(status=ChargeStatus.POSTED, cancelled_at__isnull=True, cancel_reason="")
                    | (Q(status=ChargeStatus.CANCELLED, cancelled_at__isnull=False) & ~Q(cancel_reason=""))
                ),
                name="billing_charge_cancellation_complete",
            ),
            models.CheckConstraint(
                condition=Q(source_type__isnull=True, source_id__isnull=True)
                | Q(source_type__isnull=False, source_id__isnull=False),
                name="billing_charge_source_complete",
            ),
            models.UniqueConstraint(
                fields=["source_type", "source_id", "label"],
                condition=Q(status=ChargeStatus.POSTED, source_type__isnull=False),
                name="billing_charge_unique_posted_source_label",
            ),
        ]
        indexes = [
            models.Index(fields=["territory", "date"]),
            models.Index(fields=["organisation", "date"]),
            models.Index(fields=["source_type", "source_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.label} – {self.organisation} – {self.amount} €"

    def clean(self) -> None:
        if self.service == Service.GRANTS:
            raise ValidationError({"service": _("Le fonds de concours est versé aux communes : il ne se facture pas.")})
        if self.organisation_id and self.territory_id and self.organisation.territory_id != self.territory_id:
            raise ValidationError({"organisation": _("Cette organisation n'appartient pas au territoire.")})
        if (
            self.quantity is not None
            and self.unit_price is not None
            and abs(self.amount - money.amount(self.quantity, self.unit_price)) > money.CENT
        ):
            raise ValidationError(_("Le montant doit être égal à la quantité multipliée par le prix unitaire."))

    @property
    def is_posted(self) -> bool:
        return self.status == ChargeStatus.POSTED
