"""The demo's replacement service loads through the services, twice to the same state."""

from django.utils import timezone

from mutualis.agreements.models import Adhesion, Status
from mutualis.demo.replacement import load_replacement
from mutualis.demo.territory import load_demo
from mutualis.replacement.models import Agent, Assignment, Request, Timesheet
from mutualis.territory.models import Organisation, OrganisationKind, Service


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


def test_the_demo_organisations_that_ask_adhere_and_their_conventions_are_signed(db):
    territory = load_demo()
    adhesions = Adhesion.objects.filter(territory=territory, service=Service.REPLACEMENT).open()
    askers = set(Request.objects.filter(territory=territory).values_list("organisation__name", flat=True))
    assert askers <= set(adhesions.values_list("organisation__name", flat=True))
    assert "Jouhe" in askers
    missions = Assignment.objects.filter(territory=territory, end__gt=timezone.localdate()).active()
    governing = [row.convention for rows in (adhesions, missions) for row in rows.select_related("convention")]
    assert governing and {convention.status for convention in governing} == {Status.SIGNED}
    assert all(mission.convention.signed_on < mission.start for mission in missions.select_related("convention"))
