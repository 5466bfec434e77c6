"""Writes on the charge ledger. `charge_post` is the one function domain apps call to bill."""

from __future__ import annotations

from datetime import date as Date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mutualis.accounts.models import User
from mutualis.billing.models import Charge, ChargeStatus
from mutualis.core import money
from mutualis.territory.models import Organisation, Service


@transaction.atomic
def charge_post(
    *,
    organisation: Organisation,
    service: Service | str,
    label: str,
    quantity: Decimal,
    unit_price: Decimal,
    date: Date,
    amount: Decimal | None = None,
    source: models.Model | None = None,
    created_by: User | None = None,
) -> Charge:
    """Bill an organisation for a service; the amount is quantity × unit price, rounded to the cent.

    A part of a larger amount split by `core.money.spread` (a week over two months, a cost
    over members) passes its `amount`: it may differ from its own quantity × unit price by
    the one cent that the split handed to it, no more.

    Quantity and unit price must be `Decimal` (never float). Quantity is positive; a credit
    (avoir) is a charge with a negative unit price.

    Idempotent per source: when a posted charge already exists for the same source object and
    label, it is returned unchanged and nothing new is billed, whatever the quantity or price
    passed this time. A service may therefore post again safely on a retry; to change a charge,
    cancel it (`charge_cancel`) and post again. Charges without a source are always new.
    """
    for field, value in (("quantity", quantity), ("unit_price", unit_price)):
        if not isinstance(value, Decimal) or not value.is_finite():
            raise ValidationError({field: _("Saisir un nombre décimal exact.")})
    if quantity <= 0:
        raise ValidationError(
            {"quantity": _("La quantité doit être positive ; pour un avoir, saisir un prix unitaire négatif.")}
        )
    if not organisation.is_active:
        raise ValidationError({"organisation": _("Cette organisation n'est plus membre active.")})
    label = label.strip()
    charge = Charge(
        territory_id=organisation.territory_id,
        organisation=organisation,
        service=service,
        label=label,
        quantity=quantity,
        unit_price=unit_price,
        amount=money.amount(quantity, unit_price) if amount is None else amount,
        date=date,
        created_by=created_by,
    )
    if source is not None:
        if source.pk is None:
            raise ValidationError(_("L'objet facturé doit être enregistré avant sa facturation."))
        source_territory = getattr(source, "territory", None)
        if source_territory is not None and source_territory.pk != organisation.territory_id:
            raise ValidationError(_("L'objet facturé appartient à un autre territoire."))
        charge.source = source
        existing = posted_for_source(charge)
        if existing is not None:
            return existing
    charge.full_clean()
    charge._history_user = created_by
    try:
        with transaction.atomic():
            charge.save()
    except IntegrityError:
        # A concurrent post for the same source and label committed first: return its charge.
        existing = posted_for_source(charge) if source is not None else None
        if existing is None:
            raise
        return existing
    return charge


def posted_for_source(charge: Charge) -> Charge | None:
    return (
        Charge.objects.posted()
        .filter(source_type=charge.source_type, source_id=charge.source_id, label=charge.label)
        .first()
    )


@transaction.atomic
def charge_cancel(*, charge: Charge, reason: str, by: User) -> Charge:
    """Cancel a posted charge. It stays in the ledger, out of every total, with who, when and why."""
    charge = Charge.objects.select_for_update().get(pk=charge.pk)
    if charge.status != ChargeStatus.POSTED:
        raise ValidationError(_("Cette ligne de facturation est déjà annulée."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Indiquer le motif de l'annulation.")})
    charge.status = ChargeStatus.CANCELLED
    charge.cancel_reason = reason
    charge.cancelled_at = timezone.now()
    charge.cancelled_by = by
    charge._history_user = by
    charge.save(update_fields=["status", "cancel_reason", "cancelled_at", "cancelled_by"])
    return charge
