from mutualis.replacement.models import Agent, Assignment, Request, Timesheet
from mutualis.replacement.tests.factories import AgentFactory, AssignmentFactory, RequestFactory, TimesheetFactory


def url_samples(base: dict) -> dict:
    request = RequestFactory(organisation=base["commune_a"], created_by=base["bob"])
    assignment = AssignmentFactory(request=request, agent=AgentFactory(home=base["commune_b"]))
    return {
        Agent: assignment.agent,
        Request: request,
        Assignment: assignment,
        Timesheet: TimesheetFactory(assignment=assignment),
    }
