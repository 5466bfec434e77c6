from django.urls import reverse

from mutualis.equipment.models import Category
from mutualis.equipment.services import categories_for

URL = reverse("equipment:category_list")


def test_coordinator_adds_a_category(login, eve, territory_a):
    response = login(eve).post(URL, {"name": "Informatique"})
    assert response.status_code == 302
    assert categories_for(territory_a).filter(name="Informatique").exists()


def test_a_renamed_default_category_does_not_come_back(login, ed, territory_a):
    roads = categories_for(territory_a).get(name="Voirie")
    login(ed).post(reverse("equipment:category_edit", args=[roads.pk]), {"name": "Voirie et réseaux"})
    names = set(categories_for(territory_a).values_list("name", flat=True))
    assert "Voirie et réseaux" in names
    assert "Voirie" not in names


def test_duplicate_name_is_refused_next_to_the_field(login, eve, territory_a):
    categories_for(territory_a)
    response = login(eve).post(URL, {"name": "voirie"})
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert Category.objects.filter(territory=territory_a, name__iexact="voirie").count() == 1


def test_secretary_cannot_manage_categories(login, bob, territory_a):
    assert login(bob).get(URL).status_code == 403


def test_default_categories_are_named_in_the_site_language_whatever_the_visitor(territory_a):
    from django.utils import translation

    with translation.override("en"):
        names = set(categories_for(territory_a).values_list("name", flat=True))
    assert "Voirie" in names
