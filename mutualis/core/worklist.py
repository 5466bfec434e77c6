"""The home's three lists: what waits for the person, what they asked for, the territory's news.

Each app declares its providers in its `worklist.py`, which Django imports at start-up (see
CoreConfig), as it declares its figures in `indicators.py`; the portal, above every service,
renders whatever is registered. A provider is `function(membership, today)`: `membership` is the
one the person acts through, and its `user` carries that membership's rights only (the portal
sees to it), so `visible_to(membership.user)` and `has_perm` answer for that seat. It returns a
`Found` (how many, the first few, a link to the list of exactly those), or None when the person
has nothing to do there. Build it with `found(rows, item, url)`: one query whatever the number
of rows, so the home's query count does not grow with the items.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from django.apps import apps
from django.db.models import Count, QuerySet, Window

SHOWN = 5  # items listed under each heading; the rest are behind the heading's link
# How many items `found` lists: SHOWN on the home, all of them on one list's own page (`entry`).
_shown: ContextVar[int | None] = ContextVar("worklist_shown", default=SHOWN)


class Kind(StrEnum):
    WAITING = "waiting"  # « À faire »
    ASKED = "asked"  # « Mes demandes en cours »
    NEWS = "news"  # « Actualités du territoire »


@dataclass(frozen=True)
class Item:
    label: str
    url: str
    when: date | None = None
    state: str = ""
    when_label: str = ""  # what the date is, written before it: « à partir du », « avant le »…


@dataclass(frozen=True)
class Found:
    count: int
    items: list[Item]
    url: str = ""  # the list of these items (filtered on them), when there are more than shown


@dataclass(frozen=True)
class Provider:
    kind: Kind
    key: str
    label: str  # usually a lazy translation
    function: Callable[..., Found | None]


registry: dict[str, Provider] = {}


def _register(kind: Kind, key: str, label: str) -> Callable:
    def decorator(function: Callable[..., Found | None]) -> Callable[..., Found | None]:
        if key in registry and registry[key].function is not function:
            raise ValueError(f"Work list provider {key!r} is already registered.")
        registry[key] = Provider(kind, key, label, function)
        return function

    return decorator


def waiting(key: str, label: str) -> Callable:
    """Things the person must do: accept, validate, sign, answer, fill in."""
    return _register(Kind.WAITING, key, label)


def asked(key: str, label: str) -> Callable:
    """Things the person or their organisation asked for and that are not settled, with their state."""
    return _register(Kind.ASKED, key, label)


def news(key: str, label: str) -> Callable:
    """Recent things of the territory that every member may read."""
    return _register(Kind.NEWS, key, label)


def found(rows: QuerySet, item: Callable[..., Item], url: str = "") -> Found | None:
    """The first rows as items (SHOWN, or all on the list's own page) and the number of all rows,
    in one query (a window count); None when there is none."""
    first = list(rows.annotate(worklist_total=Window(Count("pk")))[: _shown.get()])
    if not first:
        return None
    return Found(first[0].worklist_total, [item(row) for row in first], url)


@dataclass(frozen=True)
class Entry:
    key: str
    label: str
    count: int
    items: list[Item]
    url: str = ""

    @property
    def more(self) -> int:
        return self.count - len(self.items)


@dataclass
class Section:
    """One app's entries, titled with the app's name."""

    title: str
    entries: list[Entry] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(entry.count for entry in self.entries)


def sections(kind: Kind, membership, today: date) -> list[Section]:
    """The entries of one list for this membership, grouped by app in the order of INSTALLED_APPS."""
    by_app: dict[str, Section] = {}
    for provider in sorted(registry.values(), key=lambda provider: provider.key):
        if provider.kind != kind:
            continue
        result = provider.function(membership, today)
        if result is None or not result.count:
            continue
        label = provider.key.split(".")[0]
        # Plain strings in the current language: the sections may be cached, and unpickling lazy
        # translations costs more than computing them.
        section = by_app.setdefault(label, Section(str(apps.get_app_config(label).verbose_name)))
        section.entries.append(Entry(provider.key, str(provider.label), result.count, result.items, result.url))
    order = [config.label for config in apps.get_app_configs()]
    return [by_app[label] for label in order if label in by_app]


def entry(key: str, membership, today: date) -> Entry | None:
    """Every item of one registered list, for its own page; None if the key is unknown or empty."""
    provider = registry.get(key)
    if provider is None:
        return None
    token = _shown.set(None)
    try:
        result = provider.function(membership, today)
    finally:
        _shown.reset(token)
    if result is None or not result.count:
        return None
    return Entry(provider.key, provider.label, result.count, result.items, result.url)
