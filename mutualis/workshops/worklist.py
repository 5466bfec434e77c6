"""The digital workshops on the home (see core/worklist.py): the attendance still to record for
past workshops, for the workshops' managers and the coordination (the whole territory) and for
the mayor and secretaries of the host commune (their own). One query each."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutualis.core.periods import day_start
from mutualis.core.worklist import Found, Item, found, waiting
from mutualis.territory.models import COMMUNE_STAFF, Role, Service
from mutualis.workshops.models import Session, Status


def _item(session: Session) -> Item:
    url = reverse("workshops:session_detail", args=[session.pk])
    label = f"{session.series.title}, {session.series.organisation.name}"
    return Item(label, url, timezone.localdate(session.starts_at), when_label=_("atelier du"))


@waiting("workshops.attendance", gettext_lazy("Ateliers numériques des jours passés : présences à enregistrer"))
def attendance_to_record(membership, today: date) -> Found | None:
    """Published workshops of the days before with nobody recorded yet (the first visit marks one
    held). The list reads the day only, not the hour, so the home may be kept for the day."""
    manager = membership.role == Role.COORDINATOR or (
        membership.role == Role.SERVICE_MANAGER and membership.service == Service.WORKSHOPS
    )
    if not manager and membership.role not in COMMUNE_STAFF:
        return None
    sessions = Session.objects.visible_to(membership.user).filter(
        series__territory=membership.organisation.territory_id, status=Status.PUBLISHED, starts_at__lt=day_start(today)
    )
    if not manager:
        sessions = sessions.filter(series__organisation=membership.organisation_id)
    rows = sessions.select_related("series__organisation").order_by("starts_at", "pk")
    url = f"{reverse('workshops:session_list')}?{urlencode({'passes': 1, 'etat': Status.PUBLISHED})}"
    return found(rows, _item, url)
