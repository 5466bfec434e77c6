from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from mutualis.core.indicators import compute
from mutualis.facilities.models import Compliance
from mutualis.facilities.services import facility_archive
from mutualis.facilities.tests.factories import FacilityFactory, InspectionFactory, PlanFactory

YEAR = (date(2025, 1, 1), date(2026, 1, 1))


def test_facilities_inventoried_leaves_out_those_archived_before_the_period(goal, commune_a, hugo, territory_a):
    facility_archive(facility=FacilityFactory(owner=commune_a), by=hugo)
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert compute("facilities.inventoried", territory_a, tomorrow, date(2100, 1, 1)) == 1
    assert compute("facilities.inventoried", territory_a, *YEAR) == 0


def test_inspections_done_counts_those_of_the_period(goal, territory_a):
    for day in (date(2024, 12, 31), date(2025, 1, 1), date(2025, 12, 31), date(2026, 1, 1)):
        InspectionFactory(facility=goal, inspected_on=day)
    assert compute("facilities.inspections_done", territory_a, *YEAR) == 2


def test_compliance_rate_is_the_share_of_compliant_inspections(goal, territory_a):
    InspectionFactory(facility=goal, inspected_on=date(2025, 3, 1))
    InspectionFactory(facility=goal, inspected_on=date(2025, 4, 1))
    InspectionFactory(facility=goal, inspected_on=date(2025, 5, 1), compliance=Compliance.MINOR, actions_required="x")
    assert compute("facilities.compliance_rate", territory_a, *YEAR) == Decimal("66.7")


def test_compliance_rate_is_zero_without_inspections(territory_a):
    assert compute("facilities.compliance_rate", territory_a, *YEAR) == 0


@pytest.fixture
def old_goal(goal):
    goal.created_at = timezone.make_aware(timezone.datetime(2024, 1, 1))
    goal.save()
    return goal


def test_overdue_inspections_are_counted_on_the_last_day_of_the_period(old_goal, territory_a):
    PlanFactory(facility=old_goal, starts_on=date(2025, 1, 1), every=6)
    InspectionFactory(facility=old_goal, inspected_on=date(2025, 3, 1))
    # Due again on 1 September 2025: overdue at the end of 2025, not yet at the end of June.
    assert compute("facilities.overdue_inspections", territory_a, *YEAR) == 1
    assert compute("facilities.overdue_inspections", territory_a, date(2025, 1, 1), date(2025, 7, 1)) == 0


def test_an_inspection_after_the_period_does_not_hide_an_overdue_one(old_goal, territory_a):
    PlanFactory(facility=old_goal, starts_on=date(2025, 1, 1), every=6)
    InspectionFactory(facility=old_goal, inspected_on=date(2026, 2, 1))
    assert compute("facilities.overdue_inspections", territory_a, *YEAR) == 1
