"""The services communs on the home (see core/worklist.py): the coordination and the services
communs' managers see the services whose units are missing for the last quarter, and those whose
last year is still to settle. One query each."""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutualis.agreements.models import Adhesion
from mutualis.commonservices.models import CommonService, Instalment, UnitUse, period_span
from mutualis.core.periods import year_span
from mutualis.core.worklist import Found, Item, found, waiting
from mutualis.territory.models import Role, Service


def _is_manager(membership) -> bool:
    return membership.role == Role.COORDINATOR or (
        membership.role == Role.SERVICE_MANAGER and membership.service == Service.COMMON_SERVICES
    )


def _with_adherents(membership, start: date, end: date) -> QuerySet:
    """The territory's services with some adhesion in force during [start, end)."""
    adhesions = Adhesion.objects.filter(
        service=Service.COMMON_SERVICES,
        subject_type=ContentType.objects.get_for_model(CommonService),
        subject_id=OuterRef("pk"),
    ).during(start, end)
    services = CommonService.objects.visible_to(membership.user).filter(territory=membership.organisation.territory_id)
    return services.filter(Exists(adhesions)).order_by("name")


def last_quarter(today: date) -> tuple[int, int]:
    """The year and number of the last quarter over on `today`."""
    quarter = (today.month - 1) // 3
    return (today.year, quarter) if quarter else (today.year - 1, 4)


@waiting("commonservices.units_missing", gettext_lazy("Unités d'œuvre à relever pour le dernier trimestre"))
def units_missing(membership, today: date) -> Found | None:
    if not _is_manager(membership):
        return None
    year, quarter = last_quarter(today)
    start, end = period_span(year, 4, quarter)
    used = UnitUse.objects.filter(service=OuterRef("pk"), day__gte=start, day__lt=end)
    rows = _with_adherents(membership, start, end).exclude(Exists(used))

    def item(service: CommonService) -> Item:
        label = _("%(service)s : unités du T%(quarter)s %(year)s") % {
            "service": service.name,
            "quarter": quarter,
            "year": year,
        }
        return Item(label, f"{reverse('commonservices:unit_list', args=[service.pk])}?annee={year}")

    return found(rows, item)


@waiting("commonservices.settlement_due", gettext_lazy("Services communs à régulariser"))
def settlement_due(membership, today: date) -> Found | None:
    if not _is_manager(membership):
        return None
    year = today.year - 1
    settled = Instalment.objects.settlements().filter(service=OuterRef("pk"), year=year)
    rows = _with_adherents(membership, *year_span(year)).exclude(Exists(settled))

    def item(service: CommonService) -> Item:
        label = _("%(service)s : régularisation %(year)s") % {"service": service.name, "year": year}
        return Item(label, f"{reverse('commonservices:billing', args=[service.pk])}?annee={year}")

    return found(rows, item)
