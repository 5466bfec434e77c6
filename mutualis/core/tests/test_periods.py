from datetime import date

from mutualis.core.periods import MonthStart, add_months
from mutualis.territory.models import ClosedDay


def test_add_months_keeps_the_day_or_takes_the_end_of_a_shorter_month():
    assert add_months(date(2026, 3, 18), 24) == date(2028, 3, 18)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2027, 12, 31), 2) == date(2028, 2, 29)
    assert add_months(date(2026, 11, 30), 14) == date(2028, 1, 30)


def test_month_start_is_computed_by_the_database_for_any_day(territory_a):
    days = [date(2024, 2, 29), date(2026, 1, 1), date(2026, 12, 31), date(2026, 3, 18)]
    for day in days:
        ClosedDay.objects.create(territory=territory_a, day=day)
    months = ClosedDay.objects.annotate(month=MonthStart("day")).order_by("day").values_list("day", "month")
    assert list(months) == [(day, day.replace(day=1)) for day in sorted(days)]
