"""The working-days page: every member reads the territory's holidays and closed days; only the
coordination sets the zone and the closed days."""

from datetime import date

import pytest
from django.urls import reverse

from mutualis.core.holidays import HolidayZone
from mutualis.territory.models import ClosedDay

PAGE = reverse("territory:working_days")


def test_a_member_reads_the_holidays_of_the_year_derived_from_the_communes(login, bob, commune_a):
    response = login(bob).get(PAGE, {"annee": 2027})
    assert response.context["zone"] == HolidayZone.METROPOLITAN
    assert response.context["zone_is_derived"]
    assert (date(2027, 3, 29), "Lundi de Pâques") in response.context["holidays"]
    assert not response.context["can_manage"]
    assert b'action="/territoire/jours-ouvres/fermetures/' not in response.content


def test_the_coordination_adds_a_closed_day_recorded_as_hers(login, eve, territory_a):
    response = login(eve).post(reverse("territory:closed_day_add"), {"day": "2026-05-15", "label": "Pont"})
    assert response.status_code == 302
    assert response["Location"] == f"{PAGE}?annee=2026"
    closed_day = ClosedDay.objects.get(territory=territory_a)
    assert (closed_day.day, closed_day.label) == (date(2026, 5, 15), "Pont")
    assert closed_day.history.first().history_user == eve
    assert list(login(eve).get(PAGE, {"annee": 2026}).context["closed_days"]) == [closed_day]


def test_the_same_closed_day_twice_is_refused_on_the_form(login, eve, territory_a):
    ClosedDay.objects.create(territory=territory_a, day=date(2026, 5, 15))
    response = login(eve).post(reverse("territory:closed_day_add"), {"day": "2026-05-15", "label": ""})
    assert response.status_code == 200
    assert response.context["closed_day_form"].errors
    assert ClosedDay.objects.count() == 1


def test_the_coordination_removes_a_closed_day(login, eve, territory_a):
    closed_day = ClosedDay.objects.create(territory=territory_a, day=date(2026, 5, 15))
    assert login(eve).post(reverse("territory:closed_day_remove", args=[closed_day.pk])).status_code == 302
    assert not ClosedDay.objects.exists()


def test_the_coordination_sets_the_zone_and_can_go_back_to_the_communes(login, eve, territory_a, commune_a):
    client = login(eve)
    client.post(reverse("territory:holiday_zone_set"), {"holiday_zone": HolidayZone.MOSELLE})
    territory_a.refresh_from_db()
    assert territory_a.working_zone() == HolidayZone.MOSELLE
    assert (date(2026, 12, 26), "Saint-Étienne") in client.get(PAGE, {"annee": 2026}).context["holidays"]
    client.post(reverse("territory:holiday_zone_set"), {"holiday_zone": ""})
    territory_a.refresh_from_db()
    assert territory_a.working_zone() == HolidayZone.METROPOLITAN


def test_an_unknown_zone_is_refused(login, eve, territory_a):
    response = login(eve).post(reverse("territory:holiday_zone_set"), {"holiday_zone": "99"})
    assert response.status_code == 200
    assert response.context["zone_form"].errors
    territory_a.refresh_from_db()
    assert territory_a.holiday_zone == ""


@pytest.mark.parametrize("name", ["closed_day_add", "holiday_zone_set"])
def test_a_secretary_cannot_change_the_working_days(login, bob, territory_a, name):
    response = login(bob).post(reverse(f"territory:{name}"), {"day": "2026-05-15", "holiday_zone": "57"})
    assert response.status_code == 403
    territory_a.refresh_from_db()
    assert (territory_a.holiday_zone, ClosedDay.objects.count()) == ("", 0)


def test_another_territorys_closed_day_cannot_be_removed(login, eve, territory_b):
    closed_day = ClosedDay.objects.create(territory=territory_b, day=date(2026, 5, 15))
    assert login(eve).post(reverse("territory:closed_day_remove", args=[closed_day.pk])).status_code == 404
    assert ClosedDay.objects.exists()
