"""Hours per week: recorded by the agent, validated or disputed by the organisation, locked once validated."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from mutualis.replacement.models import TimesheetStatus
from mutualis.replacement.services import (
    assignment_create,
    monday_of,
    timesheet_dispute,
    timesheet_record,
    timesheet_validate,
)
from mutualis.replacement.tests.factories import in_days, signed


@pytest.fixture
def mission(ask, nadia, remy):
    """A mission under way, its mise à disposition signed."""
    request = ask(start=monday_of(in_days(-14)), end=monday_of(in_days(-14)) + timedelta(days=42))
    mission = assignment_create(request=request, agent=nadia, start=request.start, end=request.end,
                                weekly_hours=Decimal("20"), by=remy)  # fmt: skip
    signed(mission.convention)
    return mission


def record(mission, hours="20", km="12", week=None):
    return timesheet_record(assignment=mission, week=week or mission.start, hours=Decimal(hours), km=Decimal(km),
                            by=mission.agent.user)  # fmt: skip


def test_hours_are_recorded_for_the_monday_of_the_week(mission):
    timesheet = record(mission, week=mission.start + timedelta(days=3))
    assert timesheet.week == mission.start
    assert timesheet.status == TimesheetStatus.SUBMITTED


def test_recording_again_corrects_the_week(mission):
    record(mission, hours="20")
    assert record(mission, hours="18").hours == Decimal("18")
    assert mission.timesheets.count() == 1


def test_a_week_outside_the_mission_is_refused(mission):
    with pytest.raises(ValidationError, match="en dehors"):
        record(mission, week=mission.start - timedelta(days=7))


def test_a_future_week_is_refused(mission):
    with pytest.raises(ValidationError, match="commencée"):
        record(mission, week=monday_of(in_days(7)))


def test_a_validated_week_is_locked(mission, tariff, alice):
    timesheet_validate(timesheet=record(mission), by=alice)
    with pytest.raises(ValidationError, match="validée"):
        record(mission, hours="25")


def test_a_dispute_needs_a_reason(mission, alice):
    with pytest.raises(ValidationError):
        timesheet_dispute(timesheet=record(mission), reason=" ", by=alice)


def test_a_disputed_week_corrected_is_submitted_again(mission, alice):
    timesheet = timesheet_dispute(timesheet=record(mission), reason="Le mardi était férié.", by=alice)
    assert timesheet.status == TimesheetStatus.DISPUTED
    corrected = record(mission, hours="16")
    assert corrected.status == TimesheetStatus.SUBMITTED
    assert corrected.dispute_reason == ""


def test_a_disputed_week_cannot_be_validated_before_correction(mission, alice):
    timesheet = timesheet_dispute(timesheet=record(mission), reason="Trop d'heures.", by=alice)
    with pytest.raises(ValidationError, match="déjà"):
        timesheet_validate(timesheet=timesheet, by=alice)
