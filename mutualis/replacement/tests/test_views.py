"""The service's screens: ask, rank and assign, record and validate hours, the pool, settings, dashboard."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from mutualis.agreements.models import Instrument
from mutualis.billing.models import Charge
from mutualis.replacement.models import Agent, Assignment, Preference, Request, Tariff, TimesheetStatus
from mutualis.replacement.services import assignment_create, monday_of, timesheet_record
from mutualis.replacement.tests.factories import AgentFactory, AssignmentFactory, RequestFactory, in_days, signed
from mutualis.territory.models import Service


@pytest.fixture
def mission(ask, nadia, remy):
    """A mission under way, its mise à disposition signed."""
    start = monday_of(in_days(-7))
    request = ask(start=start, end=start + timedelta(days=28))
    mission = assignment_create(request=request, agent=nadia, start=request.start, end=request.end,
                                weekly_hours=Decimal("20"), by=remy)  # fmt: skip
    signed(mission.convention)
    return mission


def test_a_secretary_asks_for_a_replacement(login, bob, adhering_a):
    response = login(bob).post(reverse("replacement:request_create"), {
        "motive": "annual_leave", "start": in_days(10).isoformat(), "last_day": "", "weekdays": ["0", "3"],
        "weekly_hours": "14", "skills": ["civil_status", "payroll"], "urgency": "2", "notes": "Logiciel BL",
    })  # fmt: skip
    request = Request.objects.get()
    assert response.status_code == 302
    assert (request.end, request.weekdays, request.skills) == (None, [0, 3], ["civil_status", "payroll"])


def test_an_organisation_without_adhesion_is_told_to_adhere(login, charlie, tariff):
    response = login(charlie).get(reverse("replacement:request_create"))
    assert "n'adhère pas encore" in response.content.decode()


def test_the_manager_sees_ranked_candidates_with_reasons(login, remy, ask, nadia):
    response = login(remy).get(reverse("replacement:request_detail", args=[ask().pk]))
    page = response.content.decode()
    assert "Nadia Lambert" in page and "Compétences : État civil niveau 3/3" in page


def test_the_organisation_does_not_see_candidates(login, bob, ask, nadia):
    page = login(bob).get(reverse("replacement:request_detail", args=[ask().pk])).content.decode()
    assert "Candidats classés" not in page


def test_the_manager_assigns_an_agent(login, remy, ask, nadia):
    request = ask()
    response = login(remy).post(reverse("replacement:request_assign", args=[request.pk]), {
        "agent": nadia.pk, "start": request.start.isoformat(), "last_day": request.last_day.isoformat(),
        "weekly_hours": "20",
    })  # fmt: skip
    assignment = Assignment.objects.get()
    assert response["Location"] == reverse("replacement:assignment_detail", args=[assignment.pk])
    assert assignment.end == request.end


def test_a_last_day_at_the_end_of_the_calendar_is_refused_next_to_the_field(login, remy, ask, nadia):
    request = ask()
    response = login(remy).post(reverse("replacement:request_assign", args=[request.pk]), {
        "agent": nadia.pk, "start": request.start.isoformat(), "last_day": "9999-12-31", "weekly_hours": "20",
    })  # fmt: skip
    assert response.status_code == 200
    assert "last_day" in response.context["form"].errors


def test_an_assignment_beyond_working_time_is_refused_next_to_the_agent(login, remy, ask, nadia):
    request = ask()
    AssignmentFactory(request=RequestFactory(organisation=request.organisation), agent=nadia, start=request.start,
                      end=request.end, weekly_hours=Decimal("30"))  # fmt: skip
    response = login(remy).post(reverse("replacement:request_assign", args=[request.pk]), {
        "agent": nadia.pk, "start": request.start.isoformat(), "last_day": request.start.isoformat(),
        "weekly_hours": "20",
    })  # fmt: skip
    assert response.status_code == 200
    assert "dépasserait son temps de travail" in response.content.decode()


def test_the_agent_records_her_hours(login, nadia, mission):
    response = login(nadia.user).post(reverse("replacement:timesheet_record", args=[mission.pk]), {
        "week": mission.start.isoformat(), "hours": "19,5", "km": "42",
    })  # fmt: skip
    assert response.status_code == 302
    assert mission.timesheets.get().hours == Decimal("19.5")


def test_the_mayor_validates_the_week_which_posts_the_charges(login, alice, nadia, mission):
    timesheet = timesheet_record(assignment=mission, week=mission.start, hours=Decimal("20"), km=Decimal("10"),
                                 by=nadia.user)  # fmt: skip
    login(alice).post(reverse("replacement:timesheet_validate", args=[timesheet.pk]))
    timesheet.refresh_from_db()
    assert timesheet.status == TimesheetStatus.VALIDATED
    assert sum(Charge.objects.values_list("amount", flat=True)) == Decimal("503.50")  # 20 × 25 + 10 × 0.35


def test_the_secretary_disputes_the_week_with_a_reason(login, bob, nadia, mission):
    timesheet = timesheet_record(assignment=mission, week=mission.start, hours=Decimal("20"), km=Decimal("0"),
                                 by=nadia.user)  # fmt: skip
    login(bob).post(reverse("replacement:timesheet_dispute", args=[timesheet.pk]), {"reason": "Absente lundi"})
    timesheet.refresh_from_db()
    assert (timesheet.status, timesheet.dispute_reason) == (TimesheetStatus.DISPUTED, "Absente lundi")


def test_the_agent_cannot_validate_her_own_hours(login, nadia, mission):
    timesheet = timesheet_record(assignment=mission, week=mission.start, hours=Decimal("20"), km=Decimal("0"),
                                 by=nadia.user)  # fmt: skip
    assert login(nadia.user).post(reverse("replacement:timesheet_validate", args=[timesheet.pk])).status_code == 403


def test_the_agent_sees_her_mission_and_its_convention(login, nadia, mission):
    page = login(nadia.user).get(reverse("replacement:assignment_detail", args=[mission.pk])).content.decode()
    assert reverse("agreements:convention_pdf", args=[mission.convention_id]) in page


def test_the_agent_can_open_her_convention_pdf(login, nadia, mission):
    response = login(nadia.user).get(reverse("agreements:convention_pdf", args=[mission.convention_id]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_manager_adds_an_agent_with_skills(login, remy, commune_b):
    response = login(remy).post(reverse("replacement:agent_create"), {
        "name": "Paul Technicien", "home": commune_b.pk, "working_hours": "35", "max_km": "25", "is_active": "on",
        "skill_hall_upkeep": "3", "skill_reception": "1",
    })  # fmt: skip
    assert response.status_code == 302
    row = Agent.objects.get()
    assert row.skill_levels() == {"hall_upkeep": 3, "reception": 1}


def test_the_pool_exports_as_csv(login, remy, nadia):
    response = login(remy).get(reverse("replacement:agent_list"), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Nom" and rows[1][:2] == ["Nadia Lambert", "Foucherans"]


def test_the_queue_puts_urgent_then_smallest_communes_first(login, remy, commune_a, commune_b, territory_a):
    big = RequestFactory(organisation=commune_b, urgency=1)
    small = RequestFactory(organisation=commune_a, urgency=1)
    urgent = RequestFactory(organisation=commune_b, urgency=3)
    page = login(remy).get(reverse("replacement:request_list"))
    assert [row.pk for row in page.context["page"]] == [urgent.pk, small.pk, big.pk]


def test_the_manager_sets_a_dated_tariff(login, remy, territory_a):
    login(remy).post(reverse("replacement:settings"), {
        "form": "tariff", "tariff-valid_from": "2027-01-01", "tariff-hourly_rate": "26,40",
        "tariff-km_allowance": "0,38",
    })  # fmt: skip
    assert Tariff.objects.get(territory=territory_a).hourly_rate == Decimal("26.40")


def test_a_secretary_excludes_an_agent(login, bob, commune_a, nadia):
    login(bob).post(reverse("replacement:organisation_service", args=[commune_a.pk]),
                    {"agent": nadia.pk, "kind": "excluded"})  # fmt: skip
    assert Preference.objects.get().kind == "excluded"


def test_the_mayor_adheres_by_convention(login, alice, commune_a, epci_a, tariff):
    login(alice).post(reverse("replacement:adhesion_create", args=[commune_a.pk]), {"start": in_days(0).isoformat()})
    adhesion = commune_a.adhesions.get(service=Service.REPLACEMENT)
    assert adhesion.convention.instrument == Instrument.INDIVIDUAL_SECONDMENT
    assert "25,00 € de l'heure" in adhesion.convention.body


def test_the_dashboard_shows_the_figures(login, remy, mission):
    page = login(remy).get(reverse("replacement:dashboard")).content.decode()
    assert "Missions de remplacement" in page and "Arrêt maladie" in page


@pytest.mark.parametrize("year", ["0", "-1", "10000"])
def test_the_dashboard_falls_back_to_this_year_on_an_impossible_year(login, remy, year):
    response = login(remy).get(reverse("replacement:dashboard"), {"annee": year})
    assert response.status_code == 200
    assert response.context["year"] == 2026


# ---------------------------------------------------------------- query counts


def count_for(query_count, client, url) -> int:
    client.get(url)
    return query_count(lambda: client.get(url))


def test_request_list_queries_do_not_grow(login, remy, commune_a, query_count):
    client, url = login(remy), reverse("replacement:request_list")
    RequestFactory(organisation=commune_a)
    one = count_for(query_count, client, url)
    RequestFactory.create_batch(20, organisation=commune_a)
    assert count_for(query_count, client, url) == one


def test_request_detail_queries_do_not_grow_with_the_pool(login, remy, commune_a, commune_b, query_count):
    request = RequestFactory(organisation=commune_a)
    client, url = login(remy), reverse("replacement:request_detail", args=[request.pk])
    AgentFactory(home=commune_b)
    one = count_for(query_count, client, url)
    for agent in AgentFactory.create_batch(15, home=commune_b):
        agent.skills.create(skill="payroll", level=2)
        AssignmentFactory(agent=agent, request=RequestFactory(organisation=commune_b), weekly_hours=Decimal("5"))
    assert count_for(query_count, client, url) == one


def test_agent_list_queries_do_not_grow(login, remy, commune_b, query_count):
    client, url = login(remy), reverse("replacement:agent_list")
    AgentFactory(home=commune_b).skills.create(skill="payroll", level=2)
    one = count_for(query_count, client, url)
    for agent in AgentFactory.create_batch(20, home=commune_b):
        agent.skills.create(skill="payroll", level=2)
    assert count_for(query_count, client, url) == one


def test_mission_list_queries_do_not_grow(login, remy, commune_a, query_count):
    client, url = login(remy), reverse("replacement:assignment_list")
    AssignmentFactory(request=RequestFactory(organisation=commune_a))
    one = count_for(query_count, client, url)
    for _ in range(10):
        AssignmentFactory(request=RequestFactory(organisation=commune_a))
    assert count_for(query_count, client, url) == one


def test_mission_detail_queries_do_not_grow_with_weeks(login, alice, nadia, mission, tariff, query_count):
    client, url = login(alice), reverse("replacement:assignment_detail", args=[mission.pk])
    timesheet_record(assignment=mission, week=mission.start, hours=Decimal("20"), km=Decimal("5"), by=nadia.user)
    one = count_for(query_count, client, url)
    timesheet_record(assignment=mission, week=mission.start + timedelta(days=7), hours=Decimal("20"),
                     km=Decimal("5"), by=nadia.user)  # fmt: skip
    assert count_for(query_count, client, url) == one
