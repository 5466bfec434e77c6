from datetime import date
from decimal import Decimal

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from mutualis.billing.models import Charge
from mutualis.core.indicators import indicator
from mutualis.territory.models import Territory


@indicator("billing.charged_amount", _("Montant facturé aux organisations (€)"))
def charged_amount(territory: Territory, start: date, end: date) -> Decimal:
    return Charge.objects.filter(territory=territory).in_period(start, end).posted_total()


@indicator("billing.billed_organisations", _("Organisations facturées"))
def billed_organisations(territory: Territory, start: date, end: date) -> int:
    charges = Charge.objects.filter(territory=territory).in_period(start, end).posted()
    return charges.aggregate(count=Count("organisation", distinct=True))["count"]
