"""The replacement service's calendar feed: an agent's own missions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutualis.calendars import feeds
from mutualis.replacement.models import Agent, Assignment


def is_agent(user, subject=None) -> bool:
    return Agent.objects.active().filter(user=user).exists()


def place_of(organisation) -> str:
    address = " ".join(organisation.address.split())
    return ", ".join(part for part in (organisation.name, address, organisation.postal_code) if part)


def mission_events(user, start: date, end: date) -> Iterator[feeds.Event]:
    missions = (
        Assignment.objects.filter(agent__user=user, agent__is_active=True)
        .meeting(start, end)
        .select_related("organisation")
        .order_by("start", "pk")
    )
    for mission in missions:
        yield feeds.Event(
            uid=f"replacement-assignment-{mission.pk}",
            summary=_("Mission de remplacement : %(organisation)s") % {"organisation": mission.organisation},
            start=mission.start,
            end=mission.end,
            location=place_of(mission.organisation),
            description=_("%(hours)s heures par semaine") % {"hours": floatformat(mission.weekly_hours, "-2")},
            url=reverse("replacement:assignment_detail", args=[mission.pk]),
        )


feeds.register(
    "replacement.missions",
    gettext_lazy("Mes missions de remplacement"),
    owner=feeds.Owner.PERSON,
    events=mission_events,
    may_subscribe=is_agent,
)
