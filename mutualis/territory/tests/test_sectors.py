from django.urls import reverse

from mutualis.territory.models import Sector


def test_coordinator_creates_a_sector_and_moves_communes_into_it(login, eve, commune_a, commune_b, territory_a):
    response = login(eve).post(
        reverse("territory:sector_create"), {"name": "Secteur Est", "description": "", "organisations": [commune_b.pk]}
    )
    assert response.status_code == 302
    commune_b.refresh_from_db()
    assert commune_b.sector.name == "Secteur Est"
    assert commune_b.history.first().history_user == eve


def test_unticking_a_commune_removes_it_from_the_sector(login, eve, commune_a, commune_b, sector_a):
    login(eve).post(
        reverse("territory:sector_edit", args=[sector_a.pk]),
        {"name": sector_a.name, "description": "", "organisations": [commune_a.pk]},
    )
    commune_b.refresh_from_db()
    assert commune_b.sector is None


def test_duplicate_sector_name_is_refused_next_to_the_field(login, eve, sector_a):
    response = login(eve).post(reverse("territory:sector_create"), {"name": sector_a.name, "description": ""})
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert Sector.objects.count() == 1


def test_secretary_cannot_edit_sectors(login, bob, sector_a):
    assert login(bob).get(reverse("territory:sector_edit", args=[sector_a.pk])).status_code == 403
    assert login(bob).get(reverse("territory:sector_create")).status_code == 403


def test_sector_list_shows_counts(login, bob, commune_a, commune_b, sector_a):
    response = login(bob).get(reverse("territory:sector_list"))
    [sector] = response.context["sectors"]
    assert (sector.organisation_count, sector.population) == (2, 531 + 2284)
