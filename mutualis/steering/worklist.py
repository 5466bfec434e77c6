"""The schéma on the home: for the coordination, the milestones late or due within a month
(see core/worklist.py)."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutualis.core.worklist import Found, Item, found, waiting
from mutualis.steering.models import Milestone, MilestoneStatus

SOON = timedelta(days=31)


@waiting("steering.milestones_due", gettext_lazy("Échéances en retard ou à moins d'un mois"))
def milestones_due(membership, today: date) -> Found | None:
    if not membership.user.has_perm("steering.manage_scheme", membership.organisation.territory):
        return None
    rows = (
        Milestone.objects.visible_to(membership.user)
        .filter(action__scheme__territory=membership.organisation.territory_id, status=MilestoneStatus.PLANNED)
        .filter(due_end__lte=today + SOON)
        .select_related("action")
        .order_by("due_end", "pk")
    )
    return found(
        rows,
        lambda milestone: Item(
            _("Action %(number)s : %(title)s") % {"number": milestone.action.number, "title": milestone.title},
            reverse("steering:milestone_detail", args=[milestone.pk]),
            milestone.due_end - timedelta(days=1),
            milestone.state_label_on(today),
            _("au plus tard le"),
        ),
    )
