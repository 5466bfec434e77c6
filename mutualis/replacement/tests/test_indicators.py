"""The indicators of action 6, over the half-open year 2026."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from mutualis.core.indicators import compute
from mutualis.replacement.tests.factories import AgentFactory, AssignmentFactory, RequestFactory, TimesheetFactory
from mutualis.territory.models import OrganisationKind
from mutualis.territory.tests.factories import OrganisationFactory

YEAR = (date(2026, 1, 1), date(2027, 1, 1))
PARIS = ZoneInfo("Europe/Paris")


def figure(key, territory):
    return compute(f"replacement.{key}", territory, *YEAR)


@pytest.fixture
def activity(commune_a, territory_a):
    """Three requests received in 2026: two got an agent (after 2 and 4 days), one waits; a
    2025 request is out of the period. Commune A and a SIVOS are served."""
    sivos = OrganisationFactory(territory=territory_a, kind=OrganisationKind.SIVOS, name="SIVOS des Arcades")
    received = datetime(2026, 3, 2, 9, tzinfo=PARIS)
    first = RequestFactory(
        organisation=commune_a,
        start=date(2026, 3, 9),
        end=date(2026, 4, 6),
        created_at=received,
        first_assigned_at=received + timedelta(days=2),
        status="assigned",
    )
    second = RequestFactory(
        organisation=sivos,
        start=date(2026, 5, 4),
        end=date(2026, 5, 18),
        motive="annual_leave",
        created_at=received,
        first_assigned_at=received + timedelta(days=4),
        status="assigned",
    )
    RequestFactory(organisation=commune_a, created_at=received, start=date(2026, 6, 1), end=None)
    RequestFactory(organisation=commune_a, created_at=datetime(2025, 6, 1, tzinfo=PARIS), start=date(2025, 6, 2))
    agent = AgentFactory(home=commune_a, working_hours=Decimal("35"))
    AgentFactory(home=commune_a, working_hours=Decimal("35"), is_active=False)
    mission = AssignmentFactory(request=first, agent=agent)
    TimesheetFactory(assignment=mission, week=date(2026, 3, 9), hours=Decimal("20"), status="validated")
    TimesheetFactory(assignment=mission, week=date(2026, 3, 16), hours=Decimal("18"), status="submitted")
    AssignmentFactory(request=second, agent=agent)


def test_organisations_served(activity, territory_a):
    assert figure("organisations_served", territory_a) == 2


def test_requests_received(activity, territory_a):
    assert figure("requests_received", territory_a) == 3


def test_missions(activity, territory_a):
    assert figure("missions", territory_a) == 2


def test_hours_count_only_validated_weeks(activity, territory_a):
    assert figure("hours", territory_a) == Decimal("20")


def test_coverage_rate(activity, territory_a):
    assert figure("coverage_rate", territory_a) == Decimal("66.7")


def test_mean_delay_to_first_assignment(activity, territory_a):
    assert figure("mean_delay_days", territory_a) == Decimal("3.0")


def test_occupation_rate_of_a_past_year(activity, territory_a, frozen_clock):
    frozen_clock.move_to(datetime(2027, 1, 10, 10, tzinfo=PARIS))
    # 20 validated hours out of 35 h × 52.14 weeks of the one active agent.
    assert figure("occupation_rate", territory_a) == Decimal("1.1")


def test_occupation_rate_of_the_running_year_counts_the_weeks_so_far(activity, territory_a, frozen_clock):
    frozen_clock.move_to(datetime(2026, 3, 24, 10, tzinfo=PARIS))
    # 20 validated hours out of 35 h × 12 weeks (1 January to 24 March included).
    assert figure("occupation_rate", territory_a) == Decimal("4.8")


def test_an_empty_territory_gives_zeros(territory_a):
    assert [figure(key, territory_a) for key in ("coverage_rate", "mean_delay_days", "occupation_rate")] == [0, 0, 0]
