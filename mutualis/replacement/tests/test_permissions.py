"""Who may do what: the service assigns, the organisation validates, the agent records her own hours."""

from mutualis.replacement.tests.factories import AgentFactory, AssignmentFactory, RequestFactory, TimesheetFactory


def test_the_service_manager_and_the_coordinator_assign(remy, eve, bob, commune_a):
    request = RequestFactory(organisation=commune_a)
    assert remy.has_perm("replacement.assign", request) and eve.has_perm("replacement.assign", request)
    assert not bob.has_perm("replacement.assign", request)


def test_a_closed_request_takes_no_assignment(remy, commune_a):
    assert not remy.has_perm("replacement.assign", RequestFactory(organisation=commune_a, status="ended"))


def test_the_agent_records_hours_on_her_own_mission_only(nadia, commune_a, commune_b):
    own = AssignmentFactory(request=RequestFactory(organisation=commune_a), agent=nadia)
    other = AssignmentFactory(request=RequestFactory(organisation=commune_a), agent=AgentFactory(home=commune_b))
    assert nadia.user.has_perm("replacement.record_hours", own)
    assert not nadia.user.has_perm("replacement.record_hours", other)


def test_the_host_mayor_and_secretary_decide_on_hours_not_another_commune(alice, bob, charlie, nadia, commune_a):
    timesheet = TimesheetFactory(assignment=AssignmentFactory(request=RequestFactory(organisation=commune_a)))
    assert alice.has_perm("replacement.decide_timesheet", timesheet)
    assert bob.has_perm("replacement.decide_timesheet", timesheet)
    assert not charlie.has_perm("replacement.decide_timesheet", timesheet)
    assert not nadia.user.has_perm("replacement.decide_timesheet", timesheet)


def test_a_validated_week_is_not_decided_again(alice, commune_a):
    timesheet = TimesheetFactory(
        assignment=AssignmentFactory(request=RequestFactory(organisation=commune_a)), status="validated"
    )
    assert not alice.has_perm("replacement.decide_timesheet", timesheet)


def test_only_the_service_sees_an_agent_s_record_besides_herself(remy, bob, nadia):
    assert remy.has_perm("replacement.view_agent", nadia) and nadia.user.has_perm("replacement.view_agent", nadia)
    assert not bob.has_perm("replacement.view_agent", nadia)


def test_the_agent_sees_her_mission_but_not_the_request(nadia, commune_a):
    mission = AssignmentFactory(request=RequestFactory(organisation=commune_a), agent=nadia)
    assert nadia.user.has_perm("replacement.view_assignment", mission)
    assert not nadia.user.has_perm("replacement.view_request", mission.request)
