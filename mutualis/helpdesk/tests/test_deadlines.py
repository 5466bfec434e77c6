"""Deadlines count working days from the day the question reached the desk, French public
holidays excluded (legal questions: first response in 2 working days, resolution in 10)."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from mutualis.helpdesk.models import RoutingRule, Topic
from mutualis.helpdesk.services import request_create, routing_rules_for


@pytest.fixture
def ask(commune_a, bob, frozen_clock):
    def make(received_on: date, topic: str = Topic.LEGAL):
        frozen_clock.move_to(datetime.combine(received_on, time(17), tzinfo=ZoneInfo("Europe/Paris")))
        return request_create(
            organisation=commune_a, topic=topic, subject="Délibération", question="Quorum ?", by=bob,
            received_on=received_on,
        )  # fmt: skip

    return make


def test_a_friday_question_is_due_on_tuesday_across_the_weekend(ask):
    request = ask(date(2026, 11, 27))
    assert request.first_response_due == date(2026, 12, 1)
    assert request.resolution_due == date(2026, 12, 11)


def test_easter_monday_is_not_counted(ask):
    # Thursday 2 April 2026: Friday 3, then Tuesday 7 (Easter Monday on the 6th).
    assert ask(date(2026, 4, 2)).first_response_due == date(2026, 4, 7)


def test_ascension_thursday_is_not_counted(ask):
    # Tuesday 12 May 2026: Wednesday 13, then Friday 15 (Ascension on the 14th).
    assert ask(date(2026, 5, 12)).first_response_due == date(2026, 5, 15)


def test_14_july_is_not_counted(ask):
    # Friday 10 July 2026: Monday 13, then Wednesday 15 (Bastille Day on Tuesday 14).
    assert ask(date(2026, 7, 10)).first_response_due == date(2026, 7, 15)


def test_resolution_across_may_holidays(ask):
    # Thursday 30 April 2026 + 10 working days: 1, 8 and 14 May and the weekends are skipped.
    assert ask(date(2026, 4, 30)).resolution_due == date(2026, 5, 19)


def test_deadlines_follow_the_rule_of_the_topic(ask, territory_a):
    RoutingRule.objects.filter(pk__in=routing_rules_for(territory_a).filter(topic=Topic.CIVIL_STATUS)).update(
        first_response_days=1, resolution_days=3
    )
    request = ask(date(2026, 11, 27), topic=Topic.CIVIL_STATUS)
    assert (request.first_response_due, request.resolution_due) == (date(2026, 11, 30), date(2026, 12, 2))


def test_changing_a_rule_leaves_existing_requests_alone(ask, territory_a):
    request = ask(date(2026, 11, 27))
    routing_rules_for(territory_a).filter(topic=Topic.LEGAL).update(first_response_days=5, resolution_days=20)
    request.refresh_from_db()
    assert request.first_response_due == date(2026, 12, 1)


def test_a_question_received_in_the_future_is_refused(commune_a, bob):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="dans le futur"):
        request_create(organisation=commune_a, topic=Topic.LEGAL, subject="Délibération", question="Quorum ?", by=bob,
                       received_on=timezone.localdate() + timedelta(days=1))  # fmt: skip
