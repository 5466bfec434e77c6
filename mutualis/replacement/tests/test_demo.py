"""The demo's replacement service loads through the services, twice to the same state."""

from mutualis.demo.replacement import load_replacement
from mutualis.demo.territory import load_demo
from mutualis.replacement.models import Agent, Assignment, Request, Timesheet
from mutualis.territory.models import Organisation, OrganisationKind


def load_twice():
    territory = load_demo()
    epci = Organisation.objects.get(territory=territory, kind=OrganisationKind.EPCI)
    communes = {o.insee_code: o for o in territory.organisations.filter(kind=OrganisationKind.COMMUNE)}
    load_replacement(territory, epci, communes)
    first = counts(territory)
    load_replacement(territory, epci, communes)
    return first, counts(territory)


def counts(territory) -> dict:
    return {
        "agents": Agent.objects.filter(territory=territory).count(),
        "statuses": sorted(Request.objects.filter(territory=territory).values_list("status", flat=True)),
        "missions": Assignment.objects.filter(territory=territory).count(),
        "validated": Timesheet.objects.validated().count(),
    }


def test_the_demo_loads_the_seed_pool_and_three_requests_idempotently(db):
    first, second = load_twice()
    assert first == second
    assert first == {"agents": 11, "statuses": ["assigned", "in_progress", "received"], "missions": 2, "validated": 2}
