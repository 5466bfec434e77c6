from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from mutualis.core.indicators import compute
from mutualis.surveys.tests.factories import InvitationFactory, SurveyFactory

PARIS = ZoneInfo("Europe/Paris")
YEAR = (date(2025, 1, 1), date(2026, 1, 1))


def at(*args) -> datetime:
    return datetime(*args, tzinfo=PARIS)


@pytest.fixture
def sent(territory_a, territory_b):
    """Two surveys sent in 2025 (three links, two answered), one link at midnight on 1 January 2026,
    and another territory's link."""
    consultation = SurveyFactory(territory=territory_a, status="closed")
    InvitationFactory(survey=consultation, sent_at=at(2025, 3, 1, 9), answered_at=at(2025, 3, 2, 10))
    InvitationFactory(survey=consultation, sent_at=at(2025, 3, 1, 9), answered_at=at(2026, 1, 5, 10))
    InvitationFactory(survey=SurveyFactory(territory=territory_a, status="open"), sent_at=at(2025, 12, 31, 23))
    InvitationFactory(survey=consultation, sent_at=at(2026, 1, 1, 0))
    InvitationFactory(survey=SurveyFactory(territory=territory_b, status="open"), sent_at=at(2025, 6, 1, 9))


def test_surveys_sent_counts_surveys_with_a_link_sent_in_the_period(territory_a, sent):
    assert compute("surveys.surveys_sent", territory_a, *YEAR) == 2


def test_invitations_counts_links_sent_in_the_half_open_period(territory_a, sent):
    assert compute("surveys.invitations", territory_a, *YEAR) == 3


def test_responses_counts_answers_received_in_the_period(territory_a, sent):
    assert compute("surveys.responses", territory_a, *YEAR) == 1


def test_response_rate_is_the_share_of_the_periods_links_answered(territory_a, sent):
    assert compute("surveys.response_rate", territory_a, *YEAR) == Decimal("66.7")


def test_response_rate_without_links_is_zero(territory_a):
    assert compute("surveys.response_rate", territory_a, *YEAR) == 0
