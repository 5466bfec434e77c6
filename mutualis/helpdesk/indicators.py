"""Figures of the expertise desk for steering and the annual report; periods are half-open [start, end)."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Avg, F, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mutualis.billing.models import Charge
from mutualis.core.indicators import indicator
from mutualis.core.periods import within_days
from mutualis.core.received import Received, received
from mutualis.helpdesk.models import Article, Request, Status, TimeEntry
from mutualis.territory.models import Territory

TENTH = Decimal("0.1")


def _percent(part: int, whole: int) -> Decimal:
    return (Decimal(100 * part) / whole).quantize(TENTH, rounding=ROUND_HALF_UP) if whole else Decimal("0.0")


def deadlines_due(territory: Territory, start: date, end: date, due: str, done: str) -> QuerySet:
    """Requests whose deadline `due` fell in the period and whose outcome is known today: met or
    missed (`done` recorded, or the deadline passed). One not yet answered and not yet due is neither."""
    today = timezone.localdate()
    return (
        Request.objects.filter(territory=territory, **{f"{due}__gte": start, f"{due}__lt": end})
        .exclude(status=Status.CANCELLED)
        .filter(Q(**{f"{done}__isnull": False}) | Q(**{f"{due}__lt": today}))
    )


FIRST_RESPONSE = ("first_response_due", "first_response_at")
RESOLUTION = ("resolution_due", "resolved_at")


def on_time(due: str, done: str) -> Q:
    return Q(**{f"{done}__date__lte": F(due)})


@indicator("helpdesk.requests", _("Sollicitations reçues par la cellule d'expertise"))
def requests_received(territory: Territory, start: date, end: date) -> int:
    return Request.objects.filter(territory=territory).created_between(start, end).count()


@indicator("helpdesk.requests_resolved", _("Sollicitations répondues"))
def requests_resolved(territory: Territory, start: date, end: date) -> int:
    return Request.objects.filter(territory=territory).resolved_between(start, end).count()


@indicator("helpdesk.first_response_on_time", _("Premières réponses dans les délais (%)"))
def first_response_on_time(territory: Territory, start: date, end: date) -> Decimal:
    """Among the requests whose first response fell due in the period, the share answered by then."""
    due = deadlines_due(territory, start, end, *FIRST_RESPONSE)
    return _percent(due.filter(on_time(*FIRST_RESPONSE)).count(), due.count())


@indicator("helpdesk.resolution_on_time", _("Résolutions dans les délais (%)"))
def resolution_on_time(territory: Territory, start: date, end: date) -> Decimal:
    """Among the requests whose resolution fell due in the period, the share resolved by then."""
    due = deadlines_due(territory, start, end, *RESOLUTION)
    return _percent(due.filter(on_time(*RESOLUTION)).count(), due.count())


def rated_in(territory: Territory, start: date, end: date) -> QuerySet:
    return Request.objects.filter(territory=territory, **within_days("rated_at", start, end))


@indicator("helpdesk.average_rating", _("Note moyenne des réponses (sur 5)"))
def average_rating(territory: Territory, start: date, end: date) -> Decimal:
    average = rated_in(territory, start, end).aggregate(average=Avg("rating"))["average"]
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
        .filter(**within_days("published_at", start, end))
        .count()
    )


@received("helpdesk", _("Cellule d'expertise"))
def answered(organisation, start: date, end: date):
    """The organisation's questions answered in the period and the expert time billed for them."""
    resolved = Request.objects.filter(organisation=organisation).resolved_between(start, end)
    count = resolved.count()
    yield Received(_("Questions répondues"), count, ngettext("réponse", "réponses", count))
    minutes = (
        TimeEntry.objects.billable()
        .filter(request__organisation=organisation, day__gte=start, day__lt=end)
        .aggregate(total=Sum("minutes"))["total"]
    )
    yield Received(_("Temps d'expertise facturé"), (Decimal(minutes or 0) / 60).quantize(Decimal("0.01")), _("h"))
