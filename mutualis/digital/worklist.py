"""Shared software on the home: the organisation's registrations to coming trainings, and the
trainings of the coming weeks (see core/worklist.py)."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutualis.core.worklist import Found, Item, asked, found, news
from mutualis.digital.models import Registration, Training

COMING = timedelta(days=30)


@asked("digital.registrations", gettext_lazy("Inscriptions aux formations à venir"))
def registrations(membership, today: date) -> Found | None:
    rows = (
        Registration.objects.visible_to(membership.user)
        .active()
        .filter(organisation=membership.organisation_id, training__starts_at__date__gte=today)
        .select_related("training")
        .order_by("training__starts_at", "pk")
    )
    return found(
        rows,
        lambda registration: Item(
            _("%(training)s : %(attendee)s") % {"training": registration.training, "attendee": registration.attendee},
            reverse("digital:training_detail", args=[registration.training_id]),
            timezone.localdate(registration.training.starts_at),
            _("Inscription enregistrée"),
            _("le"),
        ),
    )


@news("digital.trainings", gettext_lazy("Formations des 30 prochains jours"))
def trainings(membership, today: date) -> Found | None:
    rows = (
        Training.objects.visible_to(membership.user)
        .filter(software__territory=membership.organisation.territory_id)
        .filter(starts_at__date__gte=today, starts_at__date__lt=today + COMING)
        .order_by("starts_at", "pk")
    )
    return found(
        rows,
        lambda training: Item(
            training.title,
            reverse("digital:training_detail", args=[training.pk]),
            timezone.localdate(training.starts_at),
            training.place,
            _("le"),
        ),
    )
