"""Audit helpers: turn django-simple-history records into "who, when, what" entries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

CHANGE_TYPES = {"+": _("création"), "~": _("modification"), "-": _("suppression")}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    date: datetime
    user: object
    subject: str
    action: str
    changes: list[Change] = field(default_factory=list)


def _display(record, field_name: str) -> str:
    model_field = record.instance._meta.get_field(field_name)
    value = getattr(record, model_field.attname)
    if value in (None, ""):
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field.is_relation:
        return str(getattr(record, field_name, value))
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def history_entries(records, subject=str) -> list[HistoryEntry]:
    """Entries for historical records (of one or several objects), newest first.

    Each record is compared with the previous record of the same object, so that a
    modification lists its changed fields with their old and new values.
    """
    by_object: dict[int, list] = defaultdict(list)
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        by_object[record.id].append(record)
    entries = []
    for versions in by_object.values():
        previous = None
        for record in versions:
            changes = []
            if previous is not None:
                for change in record.diff_against(previous).changes:
                    changes.append(
                        Change(
                            str(record.instance._meta.get_field(change.field).verbose_name),
                            _display(previous, change.field),
                            _display(record, change.field),
                        )
                    )
            if previous is None or changes or record.history_type != "~":
                entries.append(
                    HistoryEntry(
                        record.history_date,
                        record.history_user,
                        subject(record),
                        str(CHANGE_TYPES[record.history_type]),
                        changes,
                    )
                )
            previous = record
    return sorted(entries, key=lambda e: e.date, reverse=True)
