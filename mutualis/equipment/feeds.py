"""The equipment's calendar feed: an organisation's loans, as borrower and as lender."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutualis.calendars import feeds
from mutualis.equipment.models import Loan, LoanStatus


def loan_events(organisation, start: date, end: date) -> Iterator[feeds.Event]:
    loans = (
        Loan.objects.filter(Q(borrower=organisation) | Q(owner=organisation), start__lt=end, end__gt=start)
        .exclude(status=LoanStatus.CANCELLED)
        .select_related("item", "borrower", "owner")
        .order_by("start", "pk")
    )
    for loan in loans:
        if loan.borrower_id == organisation.pk:
            summary = _("Emprunt : %(item)s (prêteur : %(owner)s)") % {"item": loan.item, "owner": loan.owner}
        else:
            summary = _("Prêt : %(item)s (emprunteur : %(borrower)s)") % {"item": loan.item, "borrower": loan.borrower}
        yield feeds.Event(
            uid=f"equipment-loan-{loan.pk}",
            summary=summary,
            start=loan.start,
            end=loan.end,
            location=loan.item.storage_location,
            description=_("Statut : %(status)s") % {"status": loan.get_status_display()},
            url=reverse("equipment:loan_detail", args=[loan.pk]),
        )


feeds.register(
    "equipment.loans",
    gettext_lazy("Prêts de matériel de l'organisation"),
    owner=feeds.Owner.ORGANISATION,
    events=loan_events,
    # Every member of the organisation sees its loans (Loan.scope).
    may_subscribe=lambda user, organisation: True,
)
