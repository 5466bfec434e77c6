"""Conventions govern the service: a mission starts (its hours are recorded) only once its mise à
disposition is signed; a week is billed only once the organisation's adhesion convention is signed.
The screens say why, next to the action."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mutualis.billing.models import Charge
from mutualis.replacement.models import RequestStatus, TimesheetStatus
from mutualis.replacement.services import (
    adhesion_create,
    assignment_create,
    monday_of,
    request_create,
    timesheet_record,
    timesheet_validate,
)
from mutualis.replacement.tests.factories import in_days, signed

WEEK = {"hours": Decimal("20"), "km": Decimal("0")}


@pytest.fixture
def unsigned_adhesion(commune_a, epci_a, tariff):
    """Commune A adheres; its convention is still a draft."""
    return adhesion_create(organisation=commune_a, start=in_days(-30))


@pytest.fixture
def unsigned_mission(unsigned_adhesion, commune_a, bob, nadia, remy):
    """A mission that began last week on paper; neither convention is signed yet."""
    start = monday_of(in_days(-7))
    request = request_create(organisation=commune_a, motive="sick_leave", start=start, end=start + timedelta(days=28),
                             weekdays=[0, 1], weekly_hours=Decimal("20"), created_by=bob)  # fmt: skip
    return assignment_create(request=request, agent=nadia, start=request.start, end=request.end,
                             weekly_hours=Decimal("20"), by=remy)  # fmt: skip


def record(mission):
    return timesheet_record(assignment=mission, week=mission.start, by=mission.agent.user, **WEEK)


def test_hours_are_refused_while_the_mise_a_disposition_is_unsigned(unsigned_mission):
    with pytest.raises(ValidationError, match="pas de début d'une mission de remplacement avant"):
        record(unsigned_mission)
    unsigned_mission.request.refresh_from_db()
    assert not unsigned_mission.timesheets.exists()
    assert unsigned_mission.request.status == RequestStatus.ASSIGNED


def test_hours_are_recorded_once_the_mise_a_disposition_is_signed(unsigned_mission):
    signed(unsigned_mission.convention)
    assert record(unsigned_mission).status == TimesheetStatus.SUBMITTED


def test_a_week_is_not_billed_while_the_adhesion_convention_is_unsigned(unsigned_mission, unsigned_adhesion, alice):
    signed(unsigned_mission.convention)
    timesheet = record(unsigned_mission)
    with pytest.raises(ValidationError, match="pas de facturation du service avant"):
        timesheet_validate(timesheet=timesheet, by=alice)
    timesheet.refresh_from_db()
    assert timesheet.status == TimesheetStatus.SUBMITTED
    assert not Charge.objects.exists()


def test_a_week_is_billed_once_the_adhesion_convention_is_signed(unsigned_mission, unsigned_adhesion, alice):
    signed(unsigned_mission.convention)
    signed(unsigned_adhesion.convention)
    timesheet = timesheet_validate(timesheet=record(unsigned_mission), by=alice)
    assert timesheet.status == TimesheetStatus.VALIDATED
    assert Charge.objects.exists()


def test_the_mission_page_says_which_signature_is_missing(login, unsigned_mission):
    page = login(unsigned_mission.agent.user).get(reverse("replacement:assignment_detail", args=[unsigned_mission.pk]))
    assert "pas de début d&#x27;une mission de remplacement avant" in page.content.decode()


def test_the_agent_is_told_next_to_the_hours_form_why_they_are_refused(login, unsigned_mission):
    response = login(unsigned_mission.agent.user).post(
        reverse("replacement:timesheet_record", args=[unsigned_mission.pk]),
        {"week": unsigned_mission.start.isoformat(), "hours": "20", "km": "0"},
    )
    assert response.status_code == 200
    assert "pas de début d&#x27;une mission" in str(response.context["form"].non_field_errors())
    assert not unsigned_mission.timesheets.exists()


def test_the_mayor_is_told_on_the_week_why_it_cannot_be_billed(login, alice, unsigned_mission):
    signed(unsigned_mission.convention)
    timesheet = record(unsigned_mission)
    response = login(alice).post(reverse("replacement:timesheet_validate", args=[timesheet.pk]))
    assert response.status_code == 200
    assert response.context["refused_pk"] == timesheet.pk
    assert "pas de facturation du service avant" in response.context["refusal"]
    assert "pas de facturation du service avant" in response.content.decode()


def test_the_organisation_page_says_the_weeks_wait_for_the_adhesion_convention(
    login, alice, commune_a, unsigned_adhesion
):
    page = login(alice).get(reverse("replacement:organisation_service", args=[commune_a.pk])).content.decode()
    assert "qu'une fois la convention signée" in page
    signed(unsigned_adhesion.convention)
    page = login(alice).get(reverse("replacement:organisation_service", args=[commune_a.pk])).content.decode()
    assert "qu'une fois la convention signée" not in page and "(signée)" in page
