"""Due periods of milestones, written as people write them: "2022", "T4 2021", "10/2021", "01/01/2022".

Each is stored as a kind and a half-open span [start, end); empty means "throughout the schéma".
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _

from mutualis.steering.models import DueKind, Scheme

QUARTER = re.compile(r"^T([1-4])\s+(\d{4})$", re.IGNORECASE)
MONTH = re.compile(r"^(\d{1,2})/(\d{4})$")
YEAR = re.compile(r"^(\d{4})$")


def month_start(year: int, month: int) -> date:
    return date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def period(kind: str, start: date, scheme: Scheme) -> tuple[date, date]:
    """The half-open span of a due period of this kind starting on `start`."""
    if kind == DueKind.SCHEME:
        return scheme.start, scheme.end
    if kind == DueKind.YEAR:
        return start, date(start.year + 1, 1, 1)
    if kind == DueKind.QUARTER:
        return start, month_start(start.year, start.month + 3)
    if kind == DueKind.MONTH:
        return start, month_start(start.year, start.month + 1)
    return start, start + timedelta(days=1)


def parse_due(text: str, scheme: Scheme) -> tuple[str, date, date]:
    text = " ".join(text.split())
    if not text:
        return DueKind.SCHEME, *period(DueKind.SCHEME, scheme.start, scheme)
    try:
        if match := YEAR.match(text):
            kind, start = DueKind.YEAR, date(int(match[1]), 1, 1)
        elif match := QUARTER.match(text):
            kind, start = DueKind.QUARTER, date(int(match[2]), 3 * int(match[1]) - 2, 1)
        elif (match := MONTH.match(text)) and 1 <= int(match[1]) <= 12:
            kind, start = DueKind.MONTH, date(int(match[2]), int(match[1]), 1)
        else:
            kind, start = DueKind.DAY, datetime.strptime(text, "%d/%m/%Y").date()
        return kind, *period(kind, start, scheme)
    except (ValueError, OverflowError):  # not a date, or a year at the calendar's edge (0000, 9999)
        raise ValidationError(
            _("Échéance non comprise : écrivez 2022, T4 2021, 10/2021, 01/01/2022, ou laissez vide.")
        ) from None


def due_text(kind: str, start: date) -> str:
    """The form's way of writing a due period (parse_due reads it back)."""
    return {
        DueKind.SCHEME: "",
        DueKind.YEAR: f"{start.year}",
        DueKind.QUARTER: f"T{(start.month + 2) // 3} {start.year}",
        DueKind.MONTH: f"{start.month:02d}/{start.year}",
    }.get(kind, f"{start:%d/%m/%Y}")


def due_label(kind: str, start: date) -> str:
    """The due period in words: "4e trimestre 2021", "octobre 2021", "1er janvier 2022"."""
    if kind == DueKind.SCHEME:
        return _("tout au long du schéma")
    if kind == DueKind.YEAR:
        return str(start.year)
    if kind == DueKind.QUARTER:
        quarter = (start.month + 2) // 3
        if quarter == 1:
            return _("1er trimestre %(year)d") % {"year": start.year}
        return _("%(quarter)de trimestre %(year)d") % {"quarter": quarter, "year": start.year}
    if kind == DueKind.MONTH:
        return formats.date_format(start, "F Y")
    return formats.date_format(start, "j F Y")
