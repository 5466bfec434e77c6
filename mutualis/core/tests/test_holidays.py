from datetime import date

import pytest

from mutualis.core.holidays import add_working_days, easter_sunday, is_working_day, public_holidays


@pytest.mark.parametrize(
    "year, easter",
    [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)), (2027, date(2027, 3, 28)),
     (2038, date(2038, 4, 25)), (2285, date(2285, 3, 22))],
)  # fmt: skip
def test_easter_sunday_follows_the_gregorian_computus(year, easter):
    assert easter_sunday(year) == easter


def test_2026_has_the_eleven_french_public_holidays():
    assert sorted(public_holidays(2026)) == [
        date(2026, 1, 1), date(2026, 4, 6), date(2026, 5, 1), date(2026, 5, 8), date(2026, 5, 14),
        date(2026, 5, 25), date(2026, 7, 14), date(2026, 8, 15), date(2026, 11, 1), date(2026, 11, 11),
        date(2026, 12, 25),
    ]  # fmt: skip


def test_easter_monday_ascension_and_whit_monday_move_with_easter():
    assert {date(2027, 3, 29), date(2027, 5, 6), date(2027, 5, 17)} <= public_holidays(2027)


def test_weekend_days_are_not_working_days():
    assert not is_working_day(date(2026, 11, 28))
    assert not is_working_day(date(2026, 11, 29))
    assert is_working_day(date(2026, 11, 30))


def test_zero_working_days_is_the_start_itself():
    assert add_working_days(date(2026, 11, 28), 0) == date(2026, 11, 28)


def test_working_days_skip_the_weekend():
    # Friday + 1 working day is Monday.
    assert add_working_days(date(2026, 11, 27), 1) == date(2026, 11, 30)
    assert add_working_days(date(2026, 11, 27), 5) == date(2026, 12, 4)


def test_working_days_from_a_saturday_start_on_monday():
    assert add_working_days(date(2026, 11, 28), 1) == date(2026, 11, 30)


def test_working_days_skip_easter_monday():
    # Thursday 2 April 2026 + 2: Friday 3, (weekend, Easter Monday 6 April), Tuesday 7.
    assert add_working_days(date(2026, 4, 2), 2) == date(2026, 4, 7)


def test_working_days_skip_ascension_thursday():
    # Wednesday 13 May 2026 + 1: Ascension on the 14th, so Friday 15.
    assert add_working_days(date(2026, 5, 13), 1) == date(2026, 5, 15)


def test_working_days_skip_14_july():
    # Monday 13 July 2026 + 1: Bastille Day on Tuesday, so Wednesday 15.
    assert add_working_days(date(2026, 7, 13), 1) == date(2026, 7, 15)


def test_working_days_cross_the_new_year():
    # Wednesday 30 December 2026 + 2: Thursday 31, (1 January), Monday 4 January 2027.
    assert add_working_days(date(2026, 12, 30), 2) == date(2027, 1, 4)


def test_negative_working_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 11, 30), -1)
