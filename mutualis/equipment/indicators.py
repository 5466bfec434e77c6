"""Figures of action 3 for steering and the annual report; every period is half-open [start, end)."""

from datetime import date
from decimal import Decimal

from django.db.models import F, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mutualis.core.indicators import indicator
from mutualis.core.periods import day_start
from mutualis.core.received import Received, received
from mutualis.equipment.models import Item, Loan, LoanStatus
from mutualis.territory.models import Territory


def loans_lent_during(territory: Territory, start: date, end: date) -> QuerySet:
    """Loans whose item was actually away some day of the period: handed over before it ends, not
    back before it starts. Read on the handover and return dates, not on the planned ones, so a
    loan returned in the period (counted by `loans_completed`) is always one of them."""
    return Loan.objects.filter(
        territory=territory, status__in=[LoanStatus.OUT, LoanStatus.RETURNED], checked_out_on__lt=end
    ).filter(Q(checked_in_on__isnull=True) | Q(checked_in_on__gte=start))


@indicator("equipment.items_offered", _("Matériels proposés au prêt"))
def items_offered(territory: Territory, start: date, end: date) -> int:
    """Items declared before the period ends and not archived before it starts."""
    return (
        Item.objects.filter(territory=territory, is_lendable=True, created_at__lt=day_start(end))
        .filter(Q(archived_at__isnull=True) | Q(archived_at__date__gte=start))
        .count()
    )


@indicator("equipment.participating_organisations", _("Organisations prêtant ou empruntant du matériel"))
def participating_organisations(territory: Territory, start: date, end: date) -> int:
    loans = loans_lent_during(territory, start, end)
    return len(set(loans.values_list("owner_id", flat=True)) | set(loans.values_list("borrower_id", flat=True)))


@indicator("equipment.loans_completed", _("Prêts de matériel terminés"))
def loans_completed(territory: Territory, start: date, end: date) -> int:
    return Loan.objects.filter(territory=territory).returned_between(start, end).count()


@indicator("equipment.days_lent", _("Jours de prêt de matériel"))
def days_lent(territory: Territory, start: date, end: date) -> int:
    """Days actually lent by the loans returned in the period, counted as they were billed."""
    loans = (
        Loan.objects.filter(territory=territory).returned_between(start, end).only("checked_out_on", "checked_in_on")
    )
    return sum(loan.days_lent for loan in loans)


@indicator("equipment.cost_avoided", _("Achats évités par le prêt de matériel, estimation (€)"))
def cost_avoided(territory: Territory, start: date, end: date) -> Decimal:
    """Estimate: the purchase value declared at census of each distinct item lent to another
    organisation during the period, counted once however many borrowers it had. It assumes
    one borrower would otherwise have bought it, a deliberately low estimate; items without
    a declared value count for nothing."""
    lent = loans_lent_during(territory, start, end).exclude(borrower_id=F("owner_id")).values("item_id")
    total = Item.objects.filter(pk__in=lent).aggregate(total=Sum("declared_value"))["total"]
    return total or Decimal("0.00")


@received("equipment", _("Matériel partagé"))
def borrowed(organisation, start: date, end: date):
    """Loans the organisation borrowed from others and returned in the period; their value is the
    purchase it avoided (declared value of each distinct item, as in `cost_avoided`)."""
    loans = Loan.objects.filter(borrower=organisation).exclude(owner=organisation).returned_between(start, end)
    avoided = Item.objects.filter(pk__in=loans.values("item_id")).aggregate(total=Sum("declared_value"))["total"]
    count = loans.count()
    yield Received(_("Prêts de matériel reçus"), count, ngettext("prêt", "prêts", count), avoided)
