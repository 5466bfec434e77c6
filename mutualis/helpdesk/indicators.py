"""Figures of the expertise desk for steering and the annual report; periods are half-open [start, end)."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Avg, F, Sum
from django.utils.translation import gettext_lazy as _

from mutualis.billing.models import Charge
from mutualis.core.indicators import indicator
from mutualis.helpdesk.models import Article, Request, Status, TimeEntry
from mutualis.territory.models import Territory

TENTH = Decimal("0.1")


def _percent(part: int, whole: int) -> Decimal:
    return (Decimal(100 * part) / whole).quantize(TENTH, rounding=ROUND_HALF_UP) if whole else Decimal("0.0")


def _due_in(territory: Territory, field: str, start: date, end: date):
    return Request.objects.filter(territory=territory, **{f"{field}__gte": start, f"{field}__lt": end}).exclude(
        status=Status.CANCELLED
    )


@indicator("helpdesk.requests", _("Sollicitations reçues par la cellule d'expertise"))
def requests_received(territory: Territory, start: date, end: date) -> int:
    return Request.objects.filter(territory=territory).created_between(start, end).count()


@indicator("helpdesk.requests_resolved", _("Sollicitations répondues"))
def requests_resolved(territory: Territory, start: date, end: date) -> int:
    return Request.objects.filter(territory=territory, resolved_at__date__gte=start, resolved_at__date__lt=end).count()


@indicator("helpdesk.first_response_on_time", _("Premières réponses dans les délais (%)"))
def first_response_on_time(territory: Territory, start: date, end: date) -> Decimal:
    """Among the requests whose first response fell due in the period, the share answered by then."""
    due = _due_in(territory, "first_response_due", start, end)
    return _percent(due.filter(first_response_at__date__lte=F("first_response_due")).count(), due.count())


@indicator("helpdesk.resolution_on_time", _("Résolutions dans les délais (%)"))
def resolution_on_time(territory: Territory, start: date, end: date) -> Decimal:
    due = _due_in(territory, "resolution_due", start, end)
    return _percent(due.filter(resolved_at__date__lte=F("resolution_due")).count(), due.count())


@indicator("helpdesk.average_rating", _("Note moyenne des réponses (sur 5)"))
def average_rating(territory: Territory, start: date, end: date) -> Decimal:
    rated = Request.objects.filter(territory=territory, rated_at__date__gte=start, rated_at__date__lt=end)
    average = rated.aggregate(average=Avg("rating"))["average"]
    return Decimal(str(average)).quantize(TENTH, rounding=ROUND_HALF_UP) if average is not None else Decimal("0.0")


@indicator("helpdesk.hours_billed", _("Heures d'expertise facturées"))
def hours_billed(territory: Territory, start: date, end: date) -> Decimal:
    entries = TimeEntry.objects.billable().filter(request__territory=territory, day__gte=start, day__lt=end)
    minutes = entries.aggregate(total=Sum("minutes"))["total"] or 0
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"))


@indicator("helpdesk.amount_billed", _("Montant facturé pour l'expertise (€)"))
def amount_billed(territory: Territory, start: date, end: date) -> Decimal:
    charges = Charge.objects.filter(territory=territory, source_type=ContentType.objects.get_for_model(TimeEntry))
    return charges.in_period(start, end).posted_total()


@indicator("helpdesk.articles_published", _("Articles publiés dans la base de connaissances"))
def articles_published(territory: Territory, start: date, end: date) -> int:
    return (
        Article.objects.filter(territory=territory)
        .published()
        .filter(published_at__date__gte=start, published_at__date__lt=end)
        .count()
    )
