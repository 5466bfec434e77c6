"""Shared equipment on the home: requests to decide, loans to hand over or take back, proposals
to review, and the organisation's open requests (see core/worklist.py)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutualis.core.worklist import Found, Item, asked, found, waiting
from mutualis.equipment.models import (
    ACTIVE_LOAN_STATUSES,
    OPEN_REQUEST_STATUSES,
    Loan,
    LoanStatus,
    Request,
    RequestStatus,
)
from mutualis.territory.models import COMMUNE_STAFF, Role, Service

HANDOVER_DAYS = 7  # loans starting within a week are to be prepared now


def _is_equipment_manager(membership) -> bool:
    # Seated in the EPCI, the equipment manager acts as owner of the EPCI's items.
    return membership.role == Role.SERVICE_MANAGER and membership.service == Service.EQUIPMENT


def _request_item(request: Request) -> Item:
    return Item(
        _("%(what)s pour %(borrower)s") % {"what": request.item or request.category, "borrower": request.borrower},
        reverse("equipment:request_detail", args=[request.pk]),
        request.start,
        request.get_status_display(),
        _("à partir du"),
    )


@waiting("equipment.requests_to_decide", gettext_lazy("Demandes de prêt à accepter ou refuser"))
def requests_to_decide(membership, today: date) -> Found | None:
    # Who decides for the owner: its mayor, its equipment manager, its secretaries when it allows them.
    if membership.role == Role.ORG_MANAGER or _is_equipment_manager(membership):
        deciders = Q()
    elif membership.role == Role.SECRETARY:
        deciders = Q(owner__lending_rules__secretaries_may_decide=True)
    else:
        return None
    rows = (
        Request.objects.visible_to(membership.user)
        .filter(deciders, owner=membership.organisation_id, status=RequestStatus.PENDING, item__isnull=False)
        .select_related("item", "category", "borrower")
        .order_by("start", "pk")
    )
    url = reverse("equipment:received_requests") + f"?status={RequestStatus.PENDING}"
    return found(rows, _request_item, url)


@waiting("equipment.proposals_to_review", gettext_lazy("Matériel proposé pour vos besoins"))
def proposals_to_review(membership, today: date) -> Found | None:
    if membership.role not in COMMUNE_STAFF:
        return None
    rows = (
        Request.objects.visible_to(membership.user)
        .filter(borrower=membership.organisation_id, status=RequestStatus.PROPOSED)
        .select_related("item", "category", "borrower")
        .order_by("start", "pk")
    )
    url = reverse("equipment:my_requests") + f"?status={RequestStatus.PROPOSED}"
    return found(rows, _request_item, url)


@waiting("equipment.handovers", gettext_lazy("Prêts à remettre ou à reprendre"))
def handovers(membership, today: date) -> Found | None:
    if membership.role not in COMMUNE_STAFF and not _is_equipment_manager(membership):
        return None
    rows = (
        Loan.objects.visible_to(membership.user)
        .filter(owner=membership.organisation_id)
        .filter(
            Q(status=LoanStatus.SCHEDULED, start__lt=today + timedelta(days=HANDOVER_DAYS))
            | Q(status=LoanStatus.OUT, end__lte=today)
        )
        .select_related("item", "borrower")
        .order_by("start", "pk")
    )
    return found(
        rows,
        lambda loan: Item(
            _("%(item)s pour %(borrower)s") % {"item": loan.item, "borrower": loan.borrower},
            reverse("equipment:loan_detail", args=[loan.pk]),
            loan.start if loan.status == LoanStatus.SCHEDULED else loan.end,
            _("À remettre") if loan.status == LoanStatus.SCHEDULED else _("Retour attendu"),
            _("le") if loan.status == LoanStatus.SCHEDULED else _("depuis le"),
        ),
    )


@asked("equipment.my_requests", gettext_lazy("Demandes de matériel"))
def my_requests(membership, today: date) -> Found | None:
    if membership.role not in COMMUNE_STAFF:
        return None
    rows = (
        Request.objects.visible_to(membership.user)
        .filter(borrower=membership.organisation_id)
        # Open, or accepted and its loan not over yet.
        .filter(
            Q(status__in=OPEN_REQUEST_STATUSES)
            | Q(status=RequestStatus.ACCEPTED, loan__status__in=ACTIVE_LOAN_STATUSES)
        )
        .select_related("item", "category", "borrower")
        .order_by("-created_at", "-pk")
    )
    return found(rows, _request_item, reverse("equipment:my_requests"))
