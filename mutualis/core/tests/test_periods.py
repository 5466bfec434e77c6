from datetime import date

from mutualis.core.periods import add_months


def test_add_months_keeps_the_day_or_takes_the_end_of_a_shorter_month():
    assert add_months(date(2026, 3, 18), 24) == date(2028, 3, 18)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2027, 12, 31), 2) == date(2028, 2, 29)
    assert add_months(date(2026, 11, 30), 14) == date(2028, 1, 30)
