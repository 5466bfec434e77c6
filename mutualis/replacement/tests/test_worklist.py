from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mutualis.core.tests.worklist import shown
from mutualis.replacement import worklist
from mutualis.replacement.tests.factories import AssignmentFactory, RequestFactory, TimesheetFactory
from mutualis.territory.models import Role
from mutualis.territory.tests.factories import MembershipFactory, UserFactory


def request_url(request) -> str:
    return reverse("replacement:request_detail", args=[request.pk])


def mission_url(assignment) -> str:
    return reverse("replacement:assignment_detail", args=[assignment.pk])


@pytest.fixture
def agent_of_a(commune_a):
    user = UserFactory()
    MembershipFactory(user=user, organisation=commune_a, role=Role.AGENT)
    return user


def test_the_service_has_received_requests_to_assign(commune_a, remy, eve, alice, oscar):
    received = RequestFactory(organisation=commune_a)
    RequestFactory(organisation=commune_a, status="assigned")
    assert shown(worklist.requests_to_assign, remy) == [request_url(received)]
    assert shown(worklist.requests_to_assign, eve) == [request_url(received)]
    assert shown(worklist.requests_to_assign, alice) == []
    assert shown(worklist.requests_to_assign, oscar) == []


def test_host_mayor_and_secretary_validate_timesheets_not_its_agents(commune_a, alice, bob, agent_of_a, charlie):
    timesheet = TimesheetFactory(assignment=AssignmentFactory(request__organisation=commune_a))
    expected = [mission_url(timesheet.assignment)]
    assert shown(worklist.timesheets_to_validate, alice) == expected
    assert shown(worklist.timesheets_to_validate, bob) == expected
    assert shown(worklist.timesheets_to_validate, agent_of_a) == []
    assert shown(worklist.timesheets_to_validate, charlie) == []


def test_validated_timesheets_leave_the_list(commune_a, bob):
    TimesheetFactory(assignment=AssignmentFactory(request__organisation=commune_a), status="validated")
    assert shown(worklist.timesheets_to_validate, bob) == []


def test_missions_starting_this_week_for_the_agent_and_the_host(commune_a, commune_b, nadia, bob, charlie):
    today = timezone.localdate()
    mission = AssignmentFactory(request__organisation=commune_a, request__start=today + timedelta(days=3), agent=nadia)
    AssignmentFactory(request__organisation=commune_a, request__start=today + timedelta(days=10), agent=nadia)
    assert shown(worklist.missions_starting, nadia.user) == [mission_url(mission)]
    assert shown(worklist.missions_starting, bob) == [mission_url(mission)]
    assert shown(worklist.missions_starting, charlie) == []


def test_the_agent_records_last_weeks_hours_once(commune_a, nadia, bob):
    today = timezone.localdate()
    last_monday = today - timedelta(days=today.weekday() + 7)
    mission = AssignmentFactory(request__organisation=commune_a, request__start=last_monday, agent=nadia)
    assert shown(worklist.hours_to_record, nadia.user) == [mission_url(mission)]
    assert shown(worklist.hours_to_record, bob) == []
    TimesheetFactory(assignment=mission, week=last_monday)
    assert shown(worklist.hours_to_record, nadia.user) == []


def test_the_commune_follows_its_open_requests(commune_a, alice, agent_of_a, charlie):
    request = RequestFactory(organisation=commune_a)
    RequestFactory(organisation=commune_a, status="ended")
    assert shown(worklist.my_requests, alice) == [request_url(request)]
    assert shown(worklist.my_requests, agent_of_a) == []
    assert shown(worklist.my_requests, charlie) == []
