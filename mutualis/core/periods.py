"""The one definition of "the year" for figures: the calendar year, half-open [1 Jan Y, 1 Jan Y+1).

The home, the service dashboards, the steering dashboard, the bilan and the exports all read an
indicator over this span, so the same territory and year give the same value everywhere. For the
year under way, indicators count what has happened so far (nothing is recorded in the future).
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, time

from django.db.models import DateField, Func, Q
from django.utils import timezone


def year_span(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year + 1, 1, 1)


def current_year() -> int:
    return timezone.localdate().year


def meeting(start: date, end: date) -> Q:
    """Rows whose own half-open [start, end) (an open end: still running) meets [start, end)."""
    return (Q(end__isnull=True) | Q(end__gt=start)) & Q(start__lt=end)


def day_start(day: date) -> datetime:
    """The first moment of `day` where the territory lives (Europe/Paris)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def within_days(field: str, start: date, end: date) -> dict:
    """Filter arguments for a datetime `field` within the days [start, end): compared with two
    moments, not through a `__date` lookup (a Python function per row on SQLite)."""
    return {f"{field}__gte": day_start(start), f"{field}__lt": day_start(end)}


class MonthStart(Func):
    """The first day of a date column's month, computed by the database itself (SQLite's `date()`,
    PostgreSQL's `date_trunc`): TruncMonth runs a Python function per row on SQLite. Dates only."""

    output_field = DateField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="date(%(expressions)s, 'start of month')", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="CAST(date_trunc('month', %(expressions)s) AS date)", **extra)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 → 28/29 Feb)."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
