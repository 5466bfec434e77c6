"""Asking for a replacement and the request's status transitions."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from mutualis.replacement.models import RequestStatus
from mutualis.replacement.services import (
    assignment_create,
    request_cancel,
    request_create,
    request_end,
    rules_set,
    timesheet_record,
)
from mutualis.replacement.tests.factories import in_days, signed


def test_a_request_starts_received(ask):
    request = ask()
    assert request.status == RequestStatus.RECEIVED
    assert request.territory == request.organisation.territory


def test_an_open_end_is_allowed(ask):
    assert ask(end=None).end is None


def test_an_organisation_that_does_not_adhere_cannot_ask(commune_b, charlie, tariff):
    with pytest.raises(ValidationError, match="n'adhère pas"):
        request_create(
            organisation=commune_b,
            motive="annual_leave",
            start=in_days(7),
            end=None,
            weekdays=[0],
            weekly_hours=Decimal("7"),
            created_by=charlie,
        )


def test_at_least_one_day_is_needed(ask):
    with pytest.raises(ValidationError, match="au moins un jour"):
        ask(weekdays=[])


def test_the_days_per_week_follow_the_rules(ask, territory_a):
    rules_set(
        territory=territory_a, valid_from=in_days(-1), max_mission_months=6, max_days_per_week=3,
        small_communes_first=True,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="3 jours par semaine"):
        ask(weekdays=[0, 1, 2, 3])


def test_the_end_must_follow_the_start(ask):
    with pytest.raises(ValidationError):
        ask(start=in_days(10), end=in_days(10))


def test_the_first_assignment_makes_it_assigned(ask, nadia, remy):
    request = ask()
    assignment_create(request=request, agent=nadia, start=request.start, end=request.end,
                      weekly_hours=Decimal("20"), by=remy)  # fmt: skip
    request.refresh_from_db()
    assert request.status == RequestStatus.ASSIGNED
    assert request.first_assigned_at is not None


def test_the_first_hours_make_it_in_progress(ask, nadia, remy):
    request = ask(start=in_days(-7), end=in_days(21))
    assignment = assignment_create(
        request=request, agent=nadia, start=request.start, end=request.end, weekly_hours=Decimal("20"), by=remy
    )
    signed(assignment.convention)
    timesheet_record(assignment=assignment, week=in_days(-7), hours=Decimal("20"), km=Decimal("0"), by=nadia.user)
    request.refresh_from_db()
    assert request.status == RequestStatus.IN_PROGRESS


def test_a_received_request_can_be_cancelled(ask, bob):
    assert request_cancel(request=ask(), by=bob).status == RequestStatus.CANCELLED


def test_cancelling_cancels_the_assignments_and_their_conventions(ask, nadia, remy, bob):
    request = ask()
    assignment = assignment_create(request=request, agent=nadia, start=request.start, end=request.end,
                                   weekly_hours=Decimal("20"), by=remy)  # fmt: skip
    request_cancel(request=request, by=bob)
    assignment.refresh_from_db()
    assignment.convention.refresh_from_db()
    assert assignment.status == "cancelled"
    assert assignment.convention.status == "cancelled"


def test_a_received_request_cannot_be_ended(ask, remy):
    with pytest.raises(ValidationError, match="ne peut pas passer"):
        request_end(request=ask(), by=remy)


def test_an_ended_request_cannot_be_cancelled(ask, nadia, remy, bob):
    request = ask()
    assignment_create(request=request, agent=nadia, start=request.start, end=request.end,
                      weekly_hours=Decimal("20"), by=remy)  # fmt: skip
    request_end(request=request, by=remy)
    with pytest.raises(ValidationError, match="ne peut pas passer"):
        request_cancel(request=request, by=bob)
