import csv
import io
from datetime import date

from django.urls import reverse

from mutualis.steering.models import Milestone, Participation
from mutualis.steering.tests.factories import ActionFactory, MilestoneFactory, ParticipationFactory
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
         "service": "purchasing", "scheme_action": 4},
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


def test_withdrawal_after_launch_is_refused_without_a_decision(login, eve, action, commune_a):
    action.launched_on = date(2022, 1, 1)
    action.save()
    participation = ParticipationFactory(action=action, organisation=commune_a)
    response = login(eve).post(
        reverse("steering:participation_withdraw", args=[participation.pk]), {"on": "2023-01-01"}
    )
    assert "décision du Bureau" in response.content.decode()
    response = login(eve).post(
        reverse("steering:participation_withdraw", args=[participation.pk]),
        {"on": "2023-01-01", "decided_on": "2022-12-12", "outcome": "accepted", "reference": "B-2022-17"},
    )
    assert response.status_code == 302
    participation.refresh_from_db()
    assert participation.withdrawal_decision.reference == "B-2022-17"


def test_participations_export_with_french_headers(login, eve, action, commune_a):
    ParticipationFactory(action=action, organisation=commune_a)
    response = login(eve).get(reverse("steering:participation_list", args=[action.pk]), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8").lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["Organisation", "Type", "Secteur"]
    assert rows[1][0] == "Jouhe"


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
        ParticipationFactory(action=action, organisation=OrganisationFactory(territory=territory))


def test_dashboard_queries_do_not_grow_with_actions_and_milestones(login, eve, scheme, territory_a, query_count):
    client = login(eve)
    url = reverse("steering:scheme_detail", args=[scheme.pk])
    fill(scheme, territory_a, 1, 1)
    client.get(url)
    one = query_count(lambda: client.get(url))
    fill(scheme, territory_a, 8, 5)
    assert query_count(lambda: client.get(url)) == one


def test_action_page_queries_do_not_grow_with_milestones(login, eve, action, territory_a, query_count):
    client = login(eve)
    url = reverse("steering:action_detail", args=[action.pk])
    MilestoneFactory(action=action)
    client.get(url)
    one = query_count(lambda: client.get(url))
    for _ in range(10):
        MilestoneFactory(action=action)
        ParticipationFactory(action=action, organisation=OrganisationFactory(territory=territory_a))
    assert query_count(lambda: client.get(url)) == one


def test_participation_list_queries_do_not_grow(login, eve, action, territory_a, query_count):
    client = login(eve)
    url = reverse("steering:participation_list", args=[action.pk])
    ParticipationFactory(action=action, organisation=OrganisationFactory(territory=territory_a))
    client.get(url)
    one = query_count(lambda: client.get(url))
    for _ in range(10):
        ParticipationFactory(action=action, organisation=OrganisationFactory(territory=territory_a))
    assert query_count(lambda: client.get(url)) == one
    assert Participation.objects.count() == 11
