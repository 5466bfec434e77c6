"""The registry of calendar feeds, filled by the services from their own `feeds.py`.

A feed is either an organisation's (its loans: every member of the organisation may subscribe,
if the service agrees) or a person's own (an agent's missions, the trainings one registered
people for). `events(subject, start, end)` returns the feed's events meeting [start, end) in a
number of queries independent of their count; `may_subscribe(user, subject)` is asked when a
link is made and again each time the link is read, so a person who lost the right gets nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db import models

from mutualis.territory.permissions import seats_of


class Owner(models.TextChoices):
    ORGANISATION = "organisation"
    PERSON = "person"


@dataclass(frozen=True)
class Event:
    """One calendar event. A `date` start means an all-day event whose `end` is exclusive;
    a `datetime` start without an end is an appointment at that time."""

    uid: str
    summary: str
    start: date | datetime
    end: date | datetime | None = None
    location: str = ""
    description: str = ""
    url: str = ""  # a path on this site


@dataclass(frozen=True)
class Feed:
    kind: str
    label: str
    owner: str
    events: Callable[..., Iterable[Event]]
    may_subscribe: Callable[..., bool]

    def subject(self, user, organisation):
        """What the feed is about: the organisation for its feeds, else the person."""
        return organisation if self.owner == Owner.ORGANISATION else user

    def allows(self, user, subject) -> bool:
        """Whether `user` may read this feed of `subject` now (while the link is made, and each time it is read)."""
        seats = seats_of(user)
        if not user.is_active or not seats or subject is None:
            return False
        if self.owner == Owner.ORGANISATION and not any(seat.organisation_id == subject.pk for seat in seats):
            return False
        return self.may_subscribe(user, subject)


_feeds: dict[str, Feed] = {}


def register(
    kind: str,
    label: str,
    *,
    owner: str,
    events: Callable[..., Iterable[Event]],
    may_subscribe: Callable[..., bool],
) -> None:
    if owner not in Owner.values:
        raise ValueError(f"owner must be one of {Owner.values}")
    _feeds[kind] = Feed(kind, label, owner, events, may_subscribe)


def get(kind: str) -> Feed | None:
    return _feeds.get(kind)


def offered(user, organisation) -> list[Feed]:
    """The feeds `user`, acting for `organisation`, may subscribe to."""
    return [feed for feed in _feeds.values() if feed.allows(user, feed.subject(user, organisation))]
