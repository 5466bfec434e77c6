"""Figures of the sports-facility inspections (action 1); every period is half-open [start, end)."""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mutualis.core.indicators import indicator
from mutualis.core.periods import day_start
from mutualis.core.received import Received, received
from mutualis.facilities.models import Compliance, Facility, Inspection, InspectionPlan
from mutualis.territory.models import Territory


@indicator("facilities.inventoried", _("Équipements sportifs inventoriés"))
def inventoried(territory: Territory, start: date, end: date) -> int:
    """Facilities inventoried before the period ends and not archived before it starts."""
    return (
        Facility.objects.filter(territory=territory, created_at__lt=day_start(end))
        .filter(Q(archived_at__isnull=True) | Q(archived_at__gte=day_start(start)))
        .count()
    )


@indicator("facilities.inspections_done", _("Contrôles d'équipements sportifs réalisés"))
def inspections_done(territory: Territory, start: date, end: date) -> int:
    return Inspection.objects.filter(territory=territory, inspected_on__gte=start, inspected_on__lt=end).count()


@indicator("facilities.overdue_inspections", _("Contrôles d'équipements sportifs en retard"))
def overdue_inspections(territory: Territory, start: date, end: date) -> int:
    """Plans whose inspection was overdue on the period's last day (today, for a period not over)."""
    day = min(end - timedelta(days=1), timezone.localdate())
    after = day_start(day + timedelta(days=1))
    plans = InspectionPlan.objects.filter(
        territory=territory, starts_on__lt=day, facility__created_at__lt=after
    ).filter(Q(facility__archived_at__isnull=True) | Q(facility__archived_at__gte=after))
    last = {
        (row["facility_id"], row["kind"]): row["last"]
        for row in Inspection.objects.filter(territory=territory, inspected_on__lte=day)
        .values("facility_id", "kind")
        .annotate(last=Max("inspected_on"))
    }
    return sum(plan.due_after(last.get((plan.facility_id, plan.kind))) < day for plan in plans)


@indicator("facilities.compliance_rate", _("Contrôles conformes (%)"))
def compliance_rate(territory: Territory, start: date, end: date) -> Decimal:
    """Share of the period's inspections finding the facility compliant, in percent (0 without any)."""
    inspections = Inspection.objects.filter(territory=territory, inspected_on__gte=start, inspected_on__lt=end)
    total = inspections.count()
    if not total:
        return Decimal("0")
    compliant = inspections.filter(compliance=Compliance.COMPLIANT).count()
    return (Decimal(100 * compliant) / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@received("facilities", _("Équipements sportifs"))
def inspected(organisation, start: date, end: date):
    """Inspections of the organisation's facilities in the period."""
    done = Inspection.objects.filter(facility__owner=organisation, inspected_on__gte=start, inspected_on__lt=end)
    count = done.count()
    yield Received(_("Contrôles de ses équipements sportifs"), count, ngettext("contrôle", "contrôles", count))
