"""Figures of action 9 (shared software, RGPD) for steering; every period is half-open [start, end)."""

from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mutualis.agreements.models import Adhesion
from mutualis.billing.models import Charge
from mutualis.core.indicators import indicator
from mutualis.core.periods import day_start
from mutualis.core.received import Received, received
from mutualis.digital.models import MaintenanceCost, ProcessingActivity, Software
from mutualis.territory.models import Service, Territory


def in_force(territory: Territory, start: date, end: date) -> QuerySet:
    """Adhesions to a shared software of the territory in force some day of the period."""
    return Adhesion.objects.of_service(Service.DIGITAL).filter(territory=territory).during(start, end)


def maintenance_charges(territory: Territory, start: date, end: date) -> QuerySet:
    """Posted maintenance shares of the territory's software, dated in the period."""
    shared = MaintenanceCost.charges.through.objects.filter(maintenancecost__software__territory=territory)
    return Charge.objects.posted().in_period(start, end).filter(territory=territory, pk__in=shared.values("charge_id"))


def records_in_force(territory: Territory, end: date) -> QuerySet:
    """Processing activities recorded before the period ends and not archived before."""
    return ProcessingActivity.objects.filter(organisation__territory=territory, created_at__lt=day_start(end)).filter(
        Q(archived_at__isnull=True) | Q(archived_at__gte=day_start(end))
    )


@indicator("digital.software_offered", _("Logiciels mis à disposition par l'EPCI"))
def software_offered(territory: Territory, start: date, end: date) -> int:
    """Software in the catalogue some day of the period."""
    return (
        Software.objects.filter(territory=territory, created_at__lt=day_start(end))
        .filter(Q(archived_at__isnull=True) | Q(archived_at__gte=day_start(start)))
        .count()
    )


@indicator("digital.organisations_using_software", _("Organisations utilisant un logiciel partagé"))
def organisations_using_software(territory: Territory, start: date, end: date) -> int:
    return in_force(territory, start, end).values("organisation_id").distinct().count()


@indicator("digital.maintenance_shared", _("Maintenance de logiciels répartie entre les utilisateurs (€)"))
def maintenance_shared(territory: Territory, start: date, end: date) -> Decimal:
    return maintenance_charges(territory, start, end).aggregate(total=Sum("amount"))["total"] or Decimal("0.00")


@indicator("digital.organisations_with_record", _("Organisations tenant un registre RGPD"))
def organisations_with_record(territory: Territory, start: date, end: date) -> int:
    """Organisations whose record holds at least one processing at the end of the period."""
    return records_in_force(territory, end).values("organisation_id").distinct().count()


@indicator("digital.processing_activities", _("Activités de traitement inscrites aux registres RGPD"))
def processing_activities(territory: Territory, start: date, end: date) -> int:
    """Processing activities in the records at the end of the period."""
    return records_in_force(territory, end).count()


@received("digital", _("Logiciels partagés"))
def used(organisation, start: date, end: date):
    """Shared software the organisation used during the period (its trainings count in the network's)."""
    software = in_force(organisation.territory, start, end).filter(organisation=organisation)
    count = software.values("subject_id").distinct().count()
    yield Received(_("Logiciels partagés utilisés"), count, ngettext("logiciel", "logiciels", count))
