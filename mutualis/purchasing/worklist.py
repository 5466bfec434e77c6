"""The purchasing club on the home: censuses a member has not answered yet (its mayor and
secretary), consultations launched lately (see core/worklist.py)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutualis.agreements.models import Adhesion
from mutualis.core.worklist import Found, Item, found, news, waiting
from mutualis.purchasing.models import LAUNCHED_STATUSES, Answer, Consultation, ConsultationStatus
from mutualis.territory.models import COMMUNE_STAFF, Service

RECENT = timedelta(days=30)


@waiting("purchasing.census_to_fill", gettext_lazy("Recensements des besoins à remplir"))
def census_to_fill(membership, today: date) -> Found | None:
    if membership.role not in COMMUNE_STAFF:
        return None
    organisation = membership.organisation_id
    member = Adhesion.objects.of_service(Service.PURCHASING).active_on(today).filter(organisation=organisation)
    answered = Answer.objects.filter(consultation=OuterRef("pk"), organisation=organisation)
    rows = (
        Consultation.objects.visible_to(membership.user)
        .filter(Exists(member), ~Exists(answered))
        .filter(territory=membership.organisation.territory_id, status=ConsultationStatus.CENSUS)
        .order_by("census_deadline", "pk")
    )
    return found(
        rows,
        lambda consultation: Item(
            consultation.title,
            reverse("purchasing:needs_declare", args=[consultation.pk]),
            consultation.census_deadline,
            consultation.get_status_display(),
            _("à remplir avant le"),
        ),
    )


@news("purchasing.launched", gettext_lazy("Consultations lancées ces 30 derniers jours"))
def launched(membership, today: date) -> Found | None:
    rows = (
        Consultation.objects.visible_to(membership.user)
        .filter(territory=membership.organisation.territory_id, status__in=LAUNCHED_STATUSES)
        .filter(launched_on__gt=today - RECENT, launched_on__lte=today)
        .order_by("-launched_on", "-pk")
    )
    return found(
        rows,
        lambda consultation: Item(
            consultation.title,
            reverse("purchasing:consultation_detail", args=[consultation.pk]),
            consultation.launched_on,
            consultation.get_status_display(),
            _("le"),
        ),
    )
