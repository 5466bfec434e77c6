"""The events people are told about, declared once each.

An app declares its events in its `notifications.py` (imported at start-up, see
NotificationsConfig) and sends them with `notifications.services.notify(key, ...)`.
`subject` and `body` are format strings filled from the context given to `notify`;
`told` says who is told, in words: the README's table lists every event with it, and
`tests/test_notifications_walk.py` checks the table against this registry. An event with
`email=False` is only listed in the app: its people get their own email elsewhere (a
survey's personal link).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Event:
    key: str
    subject: str | Promise
    body: str | Promise
    told: str | Promise
    email: bool = True


registry: dict[str, Event] = {}


def event(key: str, *, subject: str | Promise, body: str | Promise, told: str | Promise, email: bool = True) -> Event:
    if key in registry:
        raise ValueError(f"Event {key!r} is already declared.")
    registry[key] = Event(key, subject, body, told, email)
    return registry[key]
