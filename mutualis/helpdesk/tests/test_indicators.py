"""Every helpdesk.* indicator over the half-open year 2026."""

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from mutualis.core.indicators import compute
from mutualis.helpdesk.models import Status
from mutualis.helpdesk.services import time_record
from mutualis.helpdesk.tests.factories import ArticleFactory, RequestFactory

PARIS = ZoneInfo("Europe/Paris")
YEAR = (date(2026, 1, 1), date(2027, 1, 1))


def at(day: date) -> datetime:
    return datetime.combine(day, time(10), tzinfo=PARIS)


def value(key: str, territory):
    return compute(f"helpdesk.{key}", territory, *YEAR)


@pytest.fixture
def requests(commune_a, commune_b, territory_b, epci_b):
    """2026: one answered on time and rated 5, one answered late and rated 2, one open and late;
    2025: one request; another territory: one request."""
    on_time = RequestFactory(
        organisation=commune_a, created_on=date(2026, 3, 2), first_response_due=date(2026, 3, 4),
        resolution_due=date(2026, 3, 16), first_response_at=at(date(2026, 3, 3)), resolved_at=at(date(2026, 3, 10)),
        status=Status.CLOSED, rating=5, rated_at=at(date(2026, 3, 11)),
    )  # fmt: skip
    RequestFactory(
        organisation=commune_b, created_on=date(2026, 6, 1), first_response_due=date(2026, 6, 3),
        resolution_due=date(2026, 6, 15), first_response_at=at(date(2026, 6, 5)), resolved_at=at(date(2026, 6, 20)),
        status=Status.CLOSED, rating=2, rated_at=at(date(2026, 6, 22)),
    )  # fmt: skip
    RequestFactory(
        organisation=commune_a, created_on=date(2026, 9, 1), first_response_due=date(2026, 9, 3),
        resolution_due=date(2026, 9, 15),
    )  # fmt: skip
    RequestFactory(organisation=commune_a, created_on=date(2025, 5, 5), first_response_due=date(2025, 5, 7),
                   resolution_due=date(2025, 5, 19))  # fmt: skip
    RequestFactory(organisation=epci_b)
    return on_time


def test_requests_counts_those_received_in_the_period(requests, territory_a):
    assert value("requests", territory_a) == 3


def test_requests_resolved_counts_answers_in_the_period(requests, territory_a):
    assert value("requests_resolved", territory_a) == 2


def test_first_response_on_time_is_the_share_of_those_due(requests, territory_a, frozen_clock):
    frozen_clock.move_to(at(date(2027, 1, 4)))
    assert value("first_response_on_time", territory_a) == Decimal("33.3")


def test_resolution_on_time_is_the_share_of_those_due(requests, territory_a, frozen_clock):
    frozen_clock.move_to(at(date(2027, 1, 4)))
    assert value("resolution_on_time", territory_a) == Decimal("33.3")


def test_a_deadline_not_yet_reached_counts_neither_as_met_nor_as_missed(requests, territory_a, frozen_clock):
    # On 10 September the open request's first response is late, its resolution not yet due.
    frozen_clock.move_to(at(date(2026, 9, 10)))
    assert value("first_response_on_time", territory_a) == Decimal("33.3")
    assert value("resolution_on_time", territory_a) == Decimal("50.0")


def test_a_request_answered_before_a_deadline_still_to_come_counts_as_on_time(commune_a, territory_a, frozen_clock):
    frozen_clock.move_to(at(date(2026, 3, 2)))
    RequestFactory(
        organisation=commune_a, created_on=date(2026, 3, 2), first_response_due=date(2026, 3, 4),
        resolution_due=date(2026, 3, 16), first_response_at=at(date(2026, 3, 2)), resolved_at=at(date(2026, 3, 2)),
        status=Status.RESOLVED,
    )  # fmt: skip
    assert value("resolution_on_time", territory_a) == Decimal("100.0")


def test_average_rating(requests, territory_a):
    assert value("average_rating", territory_a) == Decimal("3.5")


def test_hours_and_amount_billed(requests, commune_a, territory_a, xavier, rate_a, frozen_clock):
    frozen_clock.move_to(at(date(2027, 1, 10)))  # the time is recorded afterwards, never ahead
    request = RequestFactory(organisation=commune_a, status=Status.IN_PROGRESS)
    time_record(request=request, expert=xavier, minutes=90, billable=True, day=date(2026, 3, 5))
    time_record(request=request, expert=xavier, minutes=30, billable=False, day=date(2026, 3, 5))
    time_record(request=request, expert=xavier, minutes=60, billable=True, day=date(2025, 12, 31))
    assert value("hours_billed", territory_a) == Decimal("1.50")
    assert value("amount_billed", territory_a) == Decimal("90.00")


def test_articles_published_in_the_period(territory_a, territory_b):
    ArticleFactory(territory=territory_a, published_at=at(date(2026, 4, 1)))
    ArticleFactory(territory=territory_a, published_at=at(date(2027, 1, 1)))
    ArticleFactory(territory=territory_b, published_at=at(date(2026, 4, 1)))
    assert value("articles_published", territory_a) == 1
