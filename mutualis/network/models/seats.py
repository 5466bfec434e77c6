"""Seats at a meeting or a training session: registered, waiting or cancelled."""

from __future__ import annotations

from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from mutualis.territory.scopes import ScopedQuerySet


class SeatStatus(models.TextChoices):
    REGISTERED = "registered", _("Inscrit·e")
    WAITING = "waiting", _("Liste d'attente")
    CANCELLED = "cancelled", _("Annulé")


class SeatQuerySet(ScopedQuerySet):
    def active(self):
        return self.exclude(status=SeatStatus.CANCELLED)

    def registered(self):
        return self.filter(status=SeatStatus.REGISTERED)


def seat_counts() -> dict:
    """Annotations of a meeting's or a session's registered and waiting people (related name `seats_taken`)."""
    return {
        "registered_count": Count("seats_taken", filter=Q(seats_taken__status=SeatStatus.REGISTERED), distinct=True),
        "waiting_count": Count("seats_taken", filter=Q(seats_taken__status=SeatStatus.WAITING), distinct=True),
    }
