"""The demo's replacement service loads through the services, twice to the same state."""

from django.utils import timezone

from mutualis.agreements.models import Adhesion, Status
from mutualis.demo.replacement import load_replacement
from mutualis.demo.tests.reload import load_again
from mutualis.replacement.models import Agent, Assignment, Request, Timesheet
from mutualis.territory.models import Service


def counts(territory) -> dict:
    return {
        "agents": Agent.objects.filter(territory=territory).count(),
        "statuses": sorted(Request.objects.filter(territory=territory).values_list("status", flat=True)),
        "missions": Assignment.objects.filter(territory=territory).count(),
        "validated": Timesheet.objects.validated().count(),
    }


def test_the_demo_loads_the_seed_pool_and_three_requests_idempotently(grand_dole):
    first = counts(grand_dole)
    assert counts(load_again(grand_dole, load_replacement)) == first
    assert first == {"agents": 11, "statuses": ["assigned", "in_progress", "received"], "missions": 2, "validated": 2}


def test_the_demo_organisations_that_ask_adhere_and_their_conventions_are_signed(grand_dole):
    territory = grand_dole
    adhesions = Adhesion.objects.filter(territory=territory, service=Service.REPLACEMENT).open()
    askers = set(Request.objects.filter(territory=territory).values_list("organisation__name", flat=True))
    assert askers <= set(adhesions.values_list("organisation__name", flat=True))
    assert "Jouhe" in askers
    missions = Assignment.objects.filter(territory=territory, end__gt=timezone.localdate()).active()
    governing = [row.convention for rows in (adhesions, missions) for row in rows.select_related("convention")]
    assert governing and {convention.status for convention in governing} == {Status.SIGNED}
    assert all(mission.convention.signed_on < mission.start for mission in missions.select_related("convention"))
