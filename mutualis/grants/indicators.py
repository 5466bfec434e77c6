"""Figures of the fonds de concours for steering, the dashboard and each commune's account;
periods are half-open [start, end).

A file counts in the year it was filed (submitted), and in the year it was decided for what was
granted or refused; a grant stays granted (amount, investment) even if it lapses later.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, QuerySet, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mutualis.core.indicators import indicator
from mutualis.core.received import Received, received
from mutualis.grants.models import Application, Payment, Status
from mutualis.territory.models import Territory

ZERO = Decimal("0.00")


def filed(territory: Territory, start: date, end: date) -> QuerySet:
    return Application.objects.filter(territory=territory).filed_between(start, end)


def granted(territory: Territory, start: date, end: date) -> QuerySet:
    return Application.objects.filter(territory=territory).granted_between(start, end)


def refused(territory: Territory, start: date, end: date) -> QuerySet:
    return Application.objects.filter(
        territory=territory, status=Status.REFUSED, decided_on__gte=start, decided_on__lt=end
    )


def lapsed(territory: Territory, start: date, end: date) -> QuerySet:
    return Application.objects.filter(
        territory=territory, status=Status.LAPSED, lapsed_on__gte=start, lapsed_on__lt=end
    )


def payments(territory: Territory, start: date, end: date) -> QuerySet:
    return Payment.objects.filter(application__territory=territory, paid_on__gte=start, paid_on__lt=end)


def leverage_of(investment: Decimal, amount: Decimal) -> Decimal:
    """Euros of investment for one euro of fonds de concours, to the tenth (0.0 when nothing was granted)."""
    return (investment / amount).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) if amount else Decimal("0.0")


@indicator("grants.files", _("Dossiers de fonds de concours déposés"))
def files(territory: Territory, start: date, end: date) -> int:
    return filed(territory, start, end).count()


@indicator("grants.communes", _("Communes ayant déposé un dossier de fonds de concours"))
def communes(territory: Territory, start: date, end: date) -> int:
    return filed(territory, start, end).values("organisation_id").distinct().count()


@indicator("grants.granted", _("Dossiers de fonds de concours attribués"))
def granted_files(territory: Territory, start: date, end: date) -> int:
    return granted(territory, start, end).count()


@indicator("grants.refused", _("Dossiers de fonds de concours refusés"))
def refused_files(territory: Territory, start: date, end: date) -> int:
    return refused(territory, start, end).count()


@indicator("grants.lapsed", _("Fonds de concours devenus caducs"))
def lapsed_files(territory: Territory, start: date, end: date) -> int:
    return lapsed(territory, start, end).count()


@indicator("grants.amount_granted", _("Montant des fonds de concours attribués (€)"))
def amount_granted(territory: Territory, start: date, end: date) -> Decimal:
    return granted(territory, start, end).aggregate(total=Sum("granted_amount"))["total"] or ZERO


@indicator("grants.investment_supported", _("Investissement HT soutenu par les fonds de concours (€)"))
def investment_supported(territory: Territory, start: date, end: date) -> Decimal:
    return granted(territory, start, end).aggregate(total=Sum("cost_ht"))["total"] or ZERO


@indicator("grants.amount_paid", _("Montant des fonds de concours versés (€)"))
def amount_paid(territory: Territory, start: date, end: date) -> Decimal:
    return payments(territory, start, end).aggregate(total=Sum("amount"))["total"] or ZERO


@indicator("grants.leverage", _("Effet de levier des fonds de concours (€ investis pour 1 € attribué)"))
def leverage(territory: Territory, start: date, end: date) -> Decimal:
    totals = granted(territory, start, end).aggregate(amount=Sum("granted_amount"), investment=Sum("cost_ht"))
    return leverage_of(totals["investment"] or ZERO, totals["amount"] or ZERO)


@received("grants", _("Fonds de concours"))
def commune_files(organisation, start: date, end: date):
    """The commune's grants decided in the period (count and amount) and what it was paid in the period."""
    url = reverse("grants:application_list") + f"?organisation={organisation.pk}&year={start.year}"
    totals = (
        Application.objects.filter(organisation=organisation)
        .granted_between(start, end)
        .aggregate(count=Count("pk"), amount=Sum("granted_amount"))
    )
    count = totals["count"]
    yield Received(_("Fonds de concours attribués"), count, ngettext("dossier", "dossiers", count), url=url)
    yield Received(_("Montant attribué"), totals["amount"] or ZERO, "€", url=url)
    paid = Payment.objects.filter(application__organisation=organisation, paid_on__gte=start, paid_on__lt=end)
    total = paid.aggregate(total=Sum("amount"))["total"] or ZERO
    yield Received(_("Montant versé"), total, "€", total, url=url)
