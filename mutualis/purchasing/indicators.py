"""Figures of action 4 for steering and the annual report; every period is half-open [start, end)."""

from datetime import date
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mutualis.agreements.models import Adhesion
from mutualis.core.indicators import indicator
from mutualis.core.received import Received, received
from mutualis.purchasing.consolidation import money, total_savings
from mutualis.purchasing.models import Answer, Award, Consultation, Need
from mutualis.territory.models import Service, Territory


def _adhesions(territory: Territory):
    return Adhesion.objects.of_service(Service.PURCHASING).filter(territory=territory)


@indicator("purchasing.members", _("Organisations adhérentes aux achats groupés"))
def members(territory: Territory, start: date, end: date) -> int:
    return _adhesions(territory).during(start, end).values("organisation").distinct().count()


@indicator("purchasing.consultations", _("Consultations groupées lancées"))
def consultations(territory: Territory, start: date, end: date) -> int:
    return Consultation.objects.filter(territory=territory, launched_on__gte=start, launched_on__lt=end).count()


def _awards(territory: Territory, start: date, end: date):
    return Award.objects.filter(lot__consultation__territory=territory, notified_on__gte=start, notified_on__lt=end)


@indicator("purchasing.amount_awarded", _("Montant des marchés groupés attribués (€ HT)"))
def amount_awarded(territory: Territory, start: date, end: date) -> Decimal:
    return money(_awards(territory, start, end).aggregate(total=Sum("amount"))["total"])


@indicator("purchasing.savings", _("Économies annuelles des achats groupés (€ HT)"))
def savings(territory: Territory, start: date, end: date) -> Decimal:
    """Yearly savings of the lots notified in the period, at the prices members declared."""
    lots = _awards(territory, start, end).values("lot_id")
    return total_savings(Need.objects.filter(article__lot_id__in=lots))


@indicator("purchasing.participation_rate", _("Taux de réponse aux recensements des besoins (%)"))
def participation_rate(territory: Territory, start: date, end: date) -> Decimal:
    """Answers to the censuses closed (consultations launched) in the period, over the members
    that could have answered each of them."""
    launched = Consultation.objects.filter(territory=territory, launched_on__gte=start, launched_on__lt=end)
    expected = answered = 0
    for consultation in launched:
        expected += (
            _adhesions(territory).active_on(consultation.launched_on).filter(instrument=consultation.instrument).count()
        )
        answered += Answer.objects.filter(consultation=consultation).count()
    if not expected:
        return Decimal("0.0")
    return (Decimal(100) * answered / expected).quantize(Decimal("0.1"))


@received("purchasing", _("Club Acheteurs"))
def saved(organisation, start: date, end: date):
    """The organisation's yearly savings on the lots notified in the period (as `savings`)."""
    lots = _awards(organisation.territory, start, end).values("lot_id")
    needs = Need.objects.filter(article__lot_id__in=lots, organisation=organisation)
    count = needs.values("article__lot_id").distinct().count()
    yield Received(
        _("Lots attribués où l'organisation a déclaré des besoins"), count, ngettext("lot", "lots", count),
        total_savings(needs),
    )  # fmt: skip
