"""A feed's events written as an iCalendar document (RFC 5545) with the `icalendar` library."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone

from mutualis.calendars.feeds import Event


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "mutualis"


def as_utc(moment):
    # All-day events stay dates (VALUE=DATE); times are written in UTC, which needs no VTIMEZONE.
    return moment.astimezone(UTC) if isinstance(moment, datetime) else moment


def calendar_document(name: str, events: Iterable[Event]) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Mutualis//Calendriers//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now().astimezone(UTC)
    host = site_host()
    for event in events:
        vevent = icalendar.Event()
        vevent.add("uid", f"{event.uid}@{host}")
        vevent.add("dtstamp", stamp)
        vevent.add("dtstart", as_utc(event.start))
        if event.end is not None:
            vevent.add("dtend", as_utc(event.end))
        vevent.add("summary", event.summary)
        if event.location:
            vevent.add("location", event.location)
        if event.description:
            vevent.add("description", event.description)
        if event.url:
            vevent.add("url", settings.SITE_URL.rstrip("/") + event.url)
        calendar.add_component(vevent)
    return calendar.to_ical()
