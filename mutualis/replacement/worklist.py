"""The replacement service on the home: requests to assign (the service), timesheets to validate
and missions starting (the host commune), hours to record and missions starting (the agent),
the commune's open requests (see core/worklist.py)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutualis.core.worklist import Found, Item, asked, found, waiting
from mutualis.replacement.models import (
    OPEN_REQUEST_STATUSES,
    Assignment,
    Request,
    RequestStatus,
    Timesheet,
    TimesheetStatus,
)
from mutualis.territory.models import COMMUNE_STAFF

WEEK = timedelta(days=7)


def _request_item(request: Request) -> Item:
    return Item(
        f"{request.get_motive_display()} – {request.organisation}",
        reverse("replacement:request_detail", args=[request.pk]),
        request.start,
        request.get_status_display(),
        _("à partir du"),
    )


def _mission_item(assignment: Assignment) -> Item:
    return Item(
        _("%(agent)s à %(organisation)s") % {"agent": assignment.agent, "organisation": assignment.organisation},
        reverse("replacement:assignment_detail", args=[assignment.pk]),
        assignment.start,
        when_label=_("à partir du"),
    )


@waiting("replacement.requests_to_assign", gettext_lazy("Demandes de remplacement à pourvoir"))
def requests_to_assign(membership, today: date) -> Found | None:
    if not membership.user.has_perm("replacement.manage_pool", membership.organisation.territory):
        return None
    rows = (
        Request.objects.visible_to(membership.user)
        .filter(territory=membership.organisation.territory_id, status=RequestStatus.RECEIVED)
        .select_related("organisation")
        .order_by("-urgency", "created_at", "pk")
    )
    return found(rows, _request_item, reverse("replacement:request_list") + f"?status={RequestStatus.RECEIVED}")


@waiting("replacement.timesheets_to_validate", gettext_lazy("Relevés d'heures à valider"))
def timesheets_to_validate(membership, today: date) -> Found | None:
    if membership.role not in COMMUNE_STAFF:
        return None
    rows = (
        Timesheet.objects.visible_to(membership.user)
        .filter(assignment__organisation=membership.organisation_id, status=TimesheetStatus.SUBMITTED)
        .select_related("assignment__agent")
        .order_by("week", "pk")
    )
    return found(
        rows,
        lambda timesheet: Item(
            _("%(agent)s, semaine du %(week)s")
            % {"agent": timesheet.assignment.agent, "week": timesheet.week.strftime("%d/%m/%Y")},
            reverse("replacement:assignment_detail", args=[timesheet.assignment_id]),
            state=timesheet.get_status_display(),
        ),
    )


@waiting("replacement.missions_starting", gettext_lazy("Missions qui commencent cette semaine"))
def missions_starting(membership, today: date) -> Found | None:
    """The agent's own missions; for the host commune's mayor and secretary, the agents it welcomes."""
    if membership.role in COMMUNE_STAFF:
        whose = Q(organisation=membership.organisation_id)
    else:
        whose = Q(agent__user=membership.user)
    rows = (
        Assignment.objects.visible_to(membership.user)
        .active()
        .filter(whose, territory=membership.organisation.territory_id, start__gte=today, start__lt=today + WEEK)
        .select_related("agent", "organisation")
        .order_by("start", "pk")
    )
    return found(rows, _mission_item)


@waiting("replacement.hours_to_record", gettext_lazy("Heures de la semaine passée à saisir"))
def hours_to_record(membership, today: date) -> Found | None:
    """The agent's missions that met last week and have no timesheet for it yet."""
    last_week = today - timedelta(days=today.weekday()) - WEEK
    recorded = Timesheet.objects.filter(assignment=OuterRef("pk"), week=last_week)
    rows = (
        Assignment.objects.filter(agent__user=membership.user, territory=membership.organisation.territory_id)
        .meeting(last_week, last_week + WEEK)
        .filter(~Exists(recorded))
        .select_related("agent", "organisation")
        .order_by("start", "pk")
    )
    return found(rows, _mission_item)


@asked("replacement.my_requests", gettext_lazy("Demandes de remplacement"))
def my_requests(membership, today: date) -> Found | None:
    if membership.role not in COMMUNE_STAFF:
        return None
    rows = (
        Request.objects.visible_to(membership.user)
        .filter(organisation=membership.organisation_id, status__in=OPEN_REQUEST_STATUSES)
        .select_related("organisation")
        .order_by("-created_at", "-pk")
    )
    return found(rows, _request_item, reverse("replacement:request_list"))
