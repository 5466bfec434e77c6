"""French public holidays (metropolitan France), computed rather than downloaded, and working days.

Fixed days, plus Easter Monday, Ascension (Easter + 39 days) and Whit Monday (Easter + 50 days).
Easter Sunday comes from the anonymous Gregorian algorithm (Meeus/Jones/Butcher). Alsace-Moselle's
extra days (Good Friday, 26 December) are not counted.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

FIXED_HOLIDAYS = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
# Days after Easter Sunday: Easter Monday, Ascension, Whit Monday.
EASTER_OFFSETS = [1, 39, 50]


def easter_sunday(year: int) -> date:
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_shift) // 451
    month, day = divmod(h + weekday_shift - 7 * m + 114, 31)
    return date(year, month, day + 1)


@cache
def public_holidays(year: int) -> frozenset[date]:
    easter = easter_sunday(year)
    return frozenset(
        [date(year, month, day) for month, day in FIXED_HOLIDAYS]
        + [easter + timedelta(days=offset) for offset in EASTER_OFFSETS]
    )


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after `start` (`start` itself not counted); `start` when n is 0."""
    if n < 0:
        raise ValueError("n must be zero or positive")
    day = start
    while n:
        day += timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day
