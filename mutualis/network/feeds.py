"""The network's calendar feed: the training sessions a person registered agents to."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutualis.calendars import feeds
from mutualis.network.models import Enrolment, SessionStatus
from mutualis.territory.models import Territory
from mutualis.territory.permissions import seats_of, territories_of


def may_register(user, subject=None) -> bool:
    territories = Territory.objects.filter(pk__in=territories_of(user))
    return any(user.has_perm("network.register_agents", t) for t in territories)


def training_events(user, start: date, end: date) -> Iterator[feeds.Event]:
    # Only the agents of the organisations the person still belongs to.
    organisation_ids = {seat.organisation_id for seat in seats_of(user)}
    enrolments = (
        Enrolment.objects.active()
        .filter(registered_by=user, profile__organisation__in=organisation_ids, session__starts_on__gte=start,
                session__starts_on__lt=end)
        .exclude(session__status=SessionStatus.CANCELLED)
        .select_related("session__planned", "profile")
        .order_by("session__starts_on", "pk")
    )  # fmt: skip
    for enrolment in enrolments:
        session = enrolment.session
        timed = session.start_time is not None and session.ends_on == session.starts_on
        yield feeds.Event(
            uid=f"network-enrolment-{enrolment.pk}",
            summary=_("Formation : %(title)s (%(attendee)s)")
            % {"title": session.planned.title, "attendee": enrolment.profile.full_name},
            start=timezone.make_aware(datetime.combine(session.starts_on, session.start_time))
            if timed
            else session.starts_on,
            end=None if timed else session.ends_on + timedelta(days=1),
            location=session.place,
            description=enrolment.get_status_display(),
            url=reverse("network:session_detail", args=[session.pk]),
        )


feeds.register(
    "network.trainings",
    gettext_lazy("Formations auxquelles j'ai inscrit des agents"),
    owner=feeds.Owner.PERSON,
    events=training_events,
    may_subscribe=may_register,
)
