"""Sports facilities on the home: inspections overdue or due soon, for the owner's mayor and
secretary and for the expertise cell that inspects for them (see core/worklist.py)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutualis.core.worklist import Found, Item, found, waiting
from mutualis.facilities.models import InspectionPlan


@waiting("facilities.inspections_due", gettext_lazy("Contrôles à faire"))
def inspections_due(membership, today: date) -> Found | None:
    # The staff of the owner and the expertise cell inspect; a commune's agents do not.
    if not membership.user.has_perm("facilities.inspect_facility", membership.organisation):
        return None
    rows = (
        InspectionPlan.objects.visible_to(membership.user)
        .filter(territory=membership.organisation.territory_id)
        .due(today)
        .select_related("facility__owner")
        .order_by("next_due_on", "pk")
    )
    return found(
        rows,
        lambda plan: Item(
            f"{plan.facility} ({plan.facility.owner}) – {plan.get_kind_display()}",
            reverse("facilities:facility_detail", args=[plan.facility_id]),
            plan.next_due_on,
            _("En retard") if plan.is_overdue(today) else _("À faire"),
            _("prévu le"),
        ),
        reverse("facilities:due_list"),
    )
