"""The digital service's calendar feed: the trainings a person registered people for."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutualis.calendars import feeds
from mutualis.core.periods import within_days
from mutualis.digital.models import Registration
from mutualis.territory.models import Territory
from mutualis.territory.permissions import seats_of, territories_of


def may_register(user, subject=None) -> bool:
    return any(user.has_perm("digital.register", t) for t in Territory.objects.filter(pk__in=territories_of(user)))


def training_events(user, start: date, end: date) -> Iterator[feeds.Event]:
    # Only for the organisations the person still belongs to.
    organisation_ids = {seat.organisation_id for seat in seats_of(user)}
    registrations = (
        Registration.objects.active()
        .filter(
            registered_by=user,
            organisation__in=organisation_ids,
            **within_days("training__starts_at", start, end),
        )
        .select_related("training", "organisation")
        .order_by("training__starts_at", "pk")
    )
    for registration in registrations:
        training = registration.training
        yield feeds.Event(
            uid=f"digital-registration-{registration.pk}",
            summary=_("Formation : %(title)s (%(attendee)s)")
            % {"title": training.title, "attendee": registration.attendee},
            start=training.starts_at,
            location=training.place,
            description=_("Inscription de %(attendee)s pour %(organisation)s.")
            % {"attendee": registration.attendee, "organisation": registration.organisation},
            url=reverse("digital:training_detail", args=[training.pk]),
        )


feeds.register(
    "digital.trainings",
    gettext_lazy("Formations auxquelles j'ai inscrit des personnes"),
    owner=feeds.Owner.PERSON,
    events=training_events,
    may_subscribe=may_register,
)
