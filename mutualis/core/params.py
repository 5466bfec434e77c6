"""The one way to read a number or a year from a query string outside a form.

A value that is missing, malformed or out of range gives the default: a hand-edited URL shows the
usual page, never a server error. Days stay within [EARLIEST, LATEST], far enough from the
calendar's ends (years 1 and 9999) that "the day after" or "the next month" always exists; every
form's date fields use the same bounds (`mutualis.core.forms`).
"""

from __future__ import annotations

import re
from datetime import date

from django.http import HttpRequest

EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)

INTEGER = re.compile(r"-?[0-9]{1,18}")  # ASCII digits only: int() would also read "３９" or " 12_0 "


def int_param(request: HttpRequest, name: str, default: int, lo: int, hi: int) -> int:
    """The integer in ?name=, if it lies within [lo, hi]; else `default`."""
    text = request.GET.get(name, "")
    if not INTEGER.fullmatch(text):
        return default
    value = int(text)
    return value if lo <= value <= hi else default


def year_param(request: HttpRequest, name: str, default: int, lo: int = EARLIEST.year, hi: int = LATEST.year) -> int:
    """The year in ?name= (e.g. "2026"), if it lies within [lo, hi]; else `default`."""
    return int_param(request, name, default, max(lo, EARLIEST.year), min(hi, LATEST.year))
