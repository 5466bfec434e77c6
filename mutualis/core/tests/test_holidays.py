"""Public holidays come from the `holidays` library: these tests hold it to dates written here,
for metropolitan France, Alsace-Moselle and overseas territories, over 2024–2030."""

from datetime import date

import pytest

from mutualis.core.holidays import HolidayZone, WorkingCalendar, public_holidays, zone_of_communes, zone_of_insee

METROPOLITAN = WorkingCalendar()


@pytest.mark.parametrize(
    "easter_monday, ascension, whit_monday",
    [(date(2024, 4, 1), date(2024, 5, 9), date(2024, 5, 20)),
     (date(2025, 4, 21), date(2025, 5, 29), date(2025, 6, 9)),
     (date(2026, 4, 6), date(2026, 5, 14), date(2026, 5, 25)),
     (date(2027, 3, 29), date(2027, 5, 6), date(2027, 5, 17)),
     (date(2028, 4, 17), date(2028, 5, 25), date(2028, 6, 5)),
     (date(2029, 4, 2), date(2029, 5, 10), date(2029, 5, 21)),
     (date(2030, 4, 22), date(2030, 5, 30), date(2030, 6, 10))],
)  # fmt: skip
def test_the_days_that_move_with_easter_2024_to_2030(easter_monday, ascension, whit_monday):
    assert {easter_monday, ascension, whit_monday} <= public_holidays(easter_monday.year).keys()


@pytest.mark.parametrize("year", range(2024, 2031))
def test_metropolitan_france_has_eleven_public_holidays_every_year(year):
    fixed = {
        date(year, month, day) for month, day in [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
    }
    days = public_holidays(year).keys()
    assert len(days) == 11
    assert fixed <= days


def test_holidays_have_their_french_names():
    assert public_holidays(2026)[date(2026, 7, 14)] == "Fête nationale"


@pytest.mark.parametrize(
    "good_friday", [date(2024, 3, 29), date(2025, 4, 18), date(2026, 4, 3), date(2027, 3, 26), date(2030, 4, 19)]
)
def test_alsace_moselle_adds_good_friday_and_26_december(good_friday):
    for zone in (HolidayZone.MOSELLE, HolidayZone.ALSACE):
        days = public_holidays(good_friday.year, zone).keys()
        assert {good_friday, date(good_friday.year, 12, 26)} <= days
        assert len(days) == 13
    assert good_friday not in public_holidays(good_friday.year)


@pytest.mark.parametrize(
    "zone, abolition_of_slavery",
    [(HolidayZone.REUNION, (12, 20)), (HolidayZone.MAYOTTE, (4, 27)), (HolidayZone.MARTINIQUE, (5, 22)),
     (HolidayZone.GUADELOUPE, (5, 27)), (HolidayZone.GUYANE, (6, 10)), (HolidayZone.SAINT_MARTIN, (5, 28)),
     (HolidayZone.SAINT_BARTHELEMY, (10, 9))],
)  # fmt: skip
@pytest.mark.parametrize("year", [2024, 2027, 2030])
def test_each_overseas_territory_has_its_abolition_of_slavery_day(zone, abolition_of_slavery, year):
    day = date(year, *abolition_of_slavery)
    assert "Abolition de l'esclavage" in public_holidays(year, zone)[day]
    assert "Abolition de l'esclavage" not in public_holidays(year).get(day, "")


@pytest.mark.parametrize(
    "insee, zone",
    [("39198", HolidayZone.METROPOLITAN), ("2A004", HolidayZone.METROPOLITAN), ("57463", HolidayZone.MOSELLE),
     ("67482", HolidayZone.ALSACE), ("68224", HolidayZone.ALSACE), ("97411", HolidayZone.REUNION),
     ("97611", HolidayZone.MAYOTTE), ("97101", HolidayZone.GUADELOUPE), ("97209", HolidayZone.MARTINIQUE),
     ("97302", HolidayZone.GUYANE), ("97502", HolidayZone.SAINT_PIERRE_ET_MIQUELON),
     ("97701", HolidayZone.SAINT_BARTHELEMY), ("97801", HolidayZone.SAINT_MARTIN), ("98735", HolidayZone.POLYNESIE),
     ("98818", HolidayZone.NOUVELLE_CALEDONIE), ("98613", HolidayZone.WALLIS_ET_FUTUNA)],
)  # fmt: skip
def test_the_zone_follows_the_departement_of_the_insee_code(insee, zone):
    assert zone_of_insee(insee) == zone


def test_a_territory_across_two_departements_follows_most_of_its_communes():
    assert zone_of_communes(["57463", "57480", "54395", ""]) == HolidayZone.MOSELLE
    assert zone_of_communes([]) == HolidayZone.METROPOLITAN


def test_weekend_days_are_not_working_days():
    assert not METROPOLITAN.is_working_day(date(2026, 11, 28))
    assert not METROPOLITAN.is_working_day(date(2026, 11, 29))
    assert METROPOLITAN.is_working_day(date(2026, 11, 30))


def test_zero_working_days_is_the_start_itself():
    assert METROPOLITAN.add_working_days(date(2026, 11, 28), 0) == date(2026, 11, 28)


def test_working_days_skip_the_weekend():
    # Friday + 1 working day is Monday.
    assert METROPOLITAN.add_working_days(date(2026, 11, 27), 1) == date(2026, 11, 30)
    assert METROPOLITAN.add_working_days(date(2026, 11, 27), 5) == date(2026, 12, 4)


def test_working_days_cross_the_new_year():
    # Wednesday 30 December 2026 + 2: Thursday 31, (1 January), Monday 4 January 2027.
    assert METROPOLITAN.add_working_days(date(2026, 12, 30), 2) == date(2027, 1, 4)


def test_a_closed_day_is_skipped_like_a_holiday():
    # Ascension on Thursday 14 May 2026, the offices shut on the bridge day, Friday 15.
    bridge = WorkingCalendar(closed_days=frozenset({date(2026, 5, 15)}))
    assert bridge.add_working_days(date(2026, 5, 13), 1) == date(2026, 5, 18)


def test_negative_working_days_are_refused():
    with pytest.raises(ValueError):
        METROPOLITAN.add_working_days(date(2026, 11, 30), -1)
