"""Deadlines count working days from the day the question reached the desk, the public holidays
of the territory's département and its own closed days excluded (legal questions: first response
in 2 working days, resolution in 10). The fixtures' communes are in the Jura."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from mutualis.core.holidays import HolidayZone
from mutualis.helpdesk.models import RoutingRule, Topic
from mutualis.helpdesk.services import request_create, routing_rules_for
from mutualis.territory.models import ClosedDay


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


def test_good_friday_and_26_december_are_worked_in_the_jura(ask):
    # Thursday 25 March 2027 + 2: Good Friday 26, (weekend, Easter Monday 29), Tuesday 30.
    assert ask(date(2027, 3, 25)).first_response_due == date(2027, 3, 30)
    # Wednesday 24 December 2025 + 2: (Christmas) Friday 26, (weekend) Monday 29.
    assert ask(date(2025, 12, 24)).first_response_due == date(2025, 12, 29)


def moved_to(organisation, insee_code):
    organisation.insee_code = insee_code
    organisation.save(update_fields=["insee_code"])


def test_a_territory_in_moselle_skips_good_friday(ask, commune_a, commune_b):
    moved_to(commune_a, "57463")  # Metz
    moved_to(commune_b, "57480")
    # Thursday 25 March 2027 + 2: (Good Friday 26, weekend, Easter Monday 29), Tuesday 30, Wednesday 31.
    assert ask(date(2027, 3, 25)).first_response_due == date(2027, 3, 31)


def test_a_territory_in_moselle_skips_26_december(ask, commune_a, commune_b):
    moved_to(commune_a, "57463")
    moved_to(commune_b, "57480")
    # Wednesday 24 December 2025 + 2: (25 and 26 December, weekend) Monday 29, Tuesday 30.
    assert ask(date(2025, 12, 24)).first_response_due == date(2025, 12, 30)


def test_a_territory_in_la_reunion_skips_20_december(ask, commune_a, commune_b):
    moved_to(commune_a, "97411")  # Saint-Denis
    moved_to(commune_b, "97415")
    # Thursday 19 December 2024 + 2: (Friday 20, the abolition of slavery day, weekend) Monday 23, Tuesday 24.
    assert ask(date(2024, 12, 19)).first_response_due == date(2024, 12, 24)


def test_the_coordination_may_set_the_zone_itself(ask, territory_a):
    territory_a.holiday_zone = HolidayZone.MOSELLE
    territory_a.save()
    assert ask(date(2027, 3, 25)).first_response_due == date(2027, 3, 31)


def test_a_closed_day_of_the_territory_counts_in_the_deadline(ask, territory_a):
    ClosedDay.objects.create(territory=territory_a, day=date(2026, 5, 15), label="Pont de l'Ascension")
    # Tuesday 12 May 2026 + 2: Wednesday 13, (Ascension 14, closed 15, weekend) Monday 18.
    assert ask(date(2026, 5, 12)).first_response_due == date(2026, 5, 18)


def test_another_territorys_closed_day_does_not_count(ask, territory_b):
    ClosedDay.objects.create(territory=territory_b, day=date(2026, 5, 15))
    assert ask(date(2026, 5, 12)).first_response_due == date(2026, 5, 15)


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
