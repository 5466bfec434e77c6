from datetime import date

import pytest
from django.urls import reverse

from mutualis.equipment.models import LoanStatus
from mutualis.equipment.tests.factories import LoanFactory
from mutualis.steering.models import Milestone
from mutualis.steering.tests.factories import ActionFactory, AdhesionFactory, MilestoneFactory
from mutualis.territory.models import Service
from mutualis.territory.tests.factories import OrganisationFactory


def test_members_read_the_schema_and_only_the_coordinator_records_it(login, alice, eve, scheme, action):
    assert login(alice).get(reverse("steering:scheme_detail", args=[scheme.pk])).status_code == 200
    assert login(alice).get(reverse("steering:action_create", args=[scheme.pk])).status_code == 403
    assert login(eve).get(reverse("steering:action_create", args=[scheme.pk])).status_code == 200


def test_the_coordinator_records_a_scheme(login, eve, territory_a):
    response = login(eve).post(
        reverse("steering:scheme_create"), {"title": "Schéma de mutualisation", "start_year": 2027, "end_year": 2032}
    )
    assert response.status_code == 302
    assert territory_a.schemes.get().end_year == 2032


def test_the_coordinator_records_an_action_with_several_instruments(login, eve, scheme):
    response = login(eve).post(
        reverse("steering:action_create", args=[scheme.pk]),
        {"number": 4, "title": "Optimiser les achats", "instruments": ["joint_purchasing", "purchasing_centre"],
         "service": "purchasing"},
    )  # fmt: skip
    assert response.status_code == 302
    assert scheme.actions.get().instrument_labels() == ["Groupement de commandes", "Centrale d'achat"]


def test_the_coordinator_adds_a_milestone_due_in_a_quarter(login, eve, action):
    url = reverse("steering:milestone_create", args=[action.pk])
    login(eve).post(url, {"title": "Recensement des besoins", "due": "T3 2021", "status": "planned"})
    assert Milestone.objects.get().due_label == "3e trimestre 2021"


def test_an_unreadable_due_period_is_shown_next_to_the_field(login, eve, action):
    url = reverse("steering:milestone_create", args=[action.pk])
    response = login(eve).post(url, {"title": "Recensement", "due": "bientôt", "status": "planned"})
    assert "Échéance non comprise" in response.content.decode()


def test_a_second_action_cannot_steer_a_service_the_scheme_already_gives_to_one(login, eve, scheme, action):
    response = login(eve).post(
        reverse("steering:action_create", args=[scheme.pk]), {"number": 9, "title": "Prêts", "service": "equipment"}
    )
    assert "déjà chargée de ce service" in response.content.decode()
    assert scheme.actions.count() == 1


def test_a_second_scheme_starting_the_same_year_is_refused_next_to_the_year(login, eve, scheme):
    response = login(eve).post(
        reverse("steering:scheme_create"), {"title": "Doublon", "start_year": scheme.start_year, "end_year": 2040}
    )
    assert response.status_code == 200
    assert "start_year" in response.context["form"].errors


@pytest.mark.parametrize("year", [0, 1, 9999, 32767])
def test_a_scheme_year_off_the_calendar_is_refused(login, eve, year):
    response = login(eve).post(reverse("steering:scheme_create"), {"title": "S", "start_year": year, "end_year": year})
    assert response.status_code == 200
    assert "start_year" in response.context["form"].errors


def test_an_action_number_already_taken_in_the_scheme_is_refused_next_to_the_number(login, eve, scheme, action):
    response = login(eve).post(
        reverse("steering:action_create", args=[scheme.pk]), {"number": action.number, "title": "Doublon"}
    )
    assert response.status_code == 200
    assert "number" in response.context["form"].errors


def lend(owner, borrower, day: date):
    LoanFactory(request__item__owner=owner, request__borrower=borrower, request__start=day,
                request__end=day.replace(day=day.day + 2), status=LoanStatus.RETURNED, checked_out_on=day,
                checked_in_on=day.replace(day=day.day + 3))  # fmt: skip


def test_the_action_page_lists_the_year_participants_and_how_they_took_part(login, eve, action, commune_a, commune_b):
    AdhesionFactory(organisation=commune_a, service=Service.EQUIPMENT, start=date(2024, 1, 1))
    lend(commune_a, commune_b, date(2025, 5, 1))
    response = login(eve).get(reverse("steering:action_detail", args=[action.pk]), {"year": 2025})
    assert [(p.organisation, p.how) for p in response.context["participants"]] == [
        (commune_b, "utilisation du service"),
        (commune_a, "adhésion"),
    ]
    assert "Utilisation du service" in response.content.decode()


def test_an_action_without_service_says_its_participants_cannot_be_computed(login, eve, scheme):
    action = ActionFactory(scheme=scheme)
    content = login(eve).get(reverse("steering:action_detail", args=[action.pk])).content.decode()
    assert "ne nomme aucun service" in content


def test_the_dashboard_shows_lights_in_words(login, eve, scheme, action):
    MilestoneFactory(action=action)
    content = login(eve).get(reverse("steering:scheme_detail", args=[scheme.pk]), {"year": 2022}).content.decode()
    assert "Échéance en retard" in content
    assert "4e trimestre 2021" in content


def fill(scheme, territory, actions: int, milestones: int) -> None:
    for _ in range(actions):
        action = ActionFactory(scheme=scheme)
        for _ in range(milestones):
            MilestoneFactory(action=action)
        AdhesionFactory(organisation=OrganisationFactory(territory=territory), service=Service.EQUIPMENT)


def test_dashboard_queries_do_not_grow_with_actions_milestones_and_participants(
    login, eve, scheme, action, territory_a, query_count
):
    """Actions that steer no service: the participants cost a few queries per service, never per row."""
    client = login(eve)
    url = reverse("steering:scheme_detail", args=[scheme.pk])
    fill(scheme, territory_a, 1, 1)
    client.get(url)
    one = query_count(lambda: client.get(url))
    fill(scheme, territory_a, 8, 5)
    assert query_count(lambda: client.get(url)) == one


def test_action_page_queries_do_not_grow_with_milestones_and_participants(login, eve, action, territory_a, query_count):
    client = login(eve)
    url = reverse("steering:action_detail", args=[action.pk])
    MilestoneFactory(action=action)
    AdhesionFactory(organisation=OrganisationFactory(territory=territory_a), service=Service.EQUIPMENT)
    client.get(url)
    one = query_count(lambda: client.get(url))
    for _ in range(10):
        MilestoneFactory(action=action)
        AdhesionFactory(organisation=OrganisationFactory(territory=territory_a), service=Service.EQUIPMENT)
    assert query_count(lambda: client.get(url)) == one
