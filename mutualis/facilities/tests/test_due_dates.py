from datetime import date

import pytest

from mutualis.facilities.models import InspectionKind, InspectionPlan, PeriodUnit, add_months, next_due
from mutualis.facilities.services import facility_archive, inspection_record, plan_save
from mutualis.facilities.tests.factories import InspectionFactory, PlanFactory, days_ago

START = date(2026, 1, 1)


def test_one_month_after_31_january_is_the_last_day_of_february():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)


def test_one_month_after_31_january_of_a_leap_year_is_29_february():
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)


def test_twelve_months_after_29_february_is_28_february():
    assert add_months(date(2028, 2, 29), 12) == date(2029, 2, 28)


def test_months_cross_the_year_end():
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


def test_a_month_keeps_the_day_when_it_exists():
    assert add_months(date(2026, 3, 15), 1) == date(2026, 4, 15)


def test_without_any_inspection_the_plan_is_due_on_its_first_day():
    assert next_due(last=None, starts_on=START, every=6, unit=PeriodUnit.MONTHS) == START


def test_due_one_period_in_months_after_the_last_inspection():
    assert next_due(last=date(2026, 8, 31), starts_on=START, every=6, unit=PeriodUnit.MONTHS) == date(2027, 2, 28)


def test_due_one_period_in_days_after_the_last_inspection():
    assert next_due(last=date(2028, 2, 20), starts_on=START, every=15, unit=PeriodUnit.DAYS) == date(2028, 3, 6)


def test_a_new_plan_is_due_from_the_last_inspection_of_its_kind(db, goal, hugo):
    InspectionFactory(facility=goal, kind=InspectionKind.MAIN, inspected_on=date(2026, 1, 31))
    InspectionFactory(facility=goal, kind=InspectionKind.ROUTINE, inspected_on=date(2026, 6, 1))
    plan = plan_save(
        plan=InspectionPlan(facility=goal, kind=InspectionKind.MAIN, every=1, unit=PeriodUnit.MONTHS, starts_on=START),
        by=hugo,
    )
    assert plan.next_due_on == date(2026, 2, 28)


def test_a_new_plan_without_inspection_is_due_on_its_first_day(db, goal, hugo):
    plan = plan_save(
        plan=InspectionPlan(facility=goal, kind=InspectionKind.MAIN, every=12, unit=PeriodUnit.MONTHS, starts_on=START),
        by=hugo,
    )
    assert plan.next_due_on == START


def test_an_inspection_moves_the_due_date_of_its_kind_only(db, goal, hugo):
    main = PlanFactory(facility=goal, kind=InspectionKind.MAIN, starts_on=days_ago(5))
    routine = PlanFactory(facility=goal, kind=InspectionKind.ROUTINE, every=7, unit=PeriodUnit.DAYS,
                          starts_on=days_ago(5))  # fmt: skip
    inspection_record(facility=goal, kind=InspectionKind.MAIN, inspected_on=date(2024, 2, 29), inspector=hugo,
                      findings="RAS", compliance="compliant", by=hugo)  # fmt: skip
    main.refresh_from_db()
    routine.refresh_from_db()
    assert main.next_due_on == date(2025, 2, 28)
    assert routine.next_due_on == days_ago(5)


def test_an_older_inspection_entered_late_does_not_move_the_due_date_back(db, goal, hugo):
    plan = PlanFactory(facility=goal, kind=InspectionKind.MAIN)
    InspectionFactory(facility=goal, kind=InspectionKind.MAIN, inspected_on=date(2026, 3, 10))
    inspection_record(facility=goal, kind=InspectionKind.MAIN, inspected_on=date(2025, 3, 10), inspector=hugo,
                      findings="RAS", compliance="compliant", by=hugo)  # fmt: skip
    plan.refresh_from_db()
    assert plan.next_due_on == date(2027, 3, 10)


@pytest.fixture
def plans(db, commune_a):
    """Plans due 1 day ago, today, in 30 days and in 31 days."""
    return {days: PlanFactory(facility__owner=commune_a, starts_on=days_ago(-days)) for days in (-1, 0, 30, 31)}


def _due(queryset) -> set:
    return set(queryset.values_list("next_due_on", flat=True))


def test_overdue_means_due_before_today(plans):
    assert _due(InspectionPlan.objects.overdue(days_ago(0))) == {days_ago(1)}


def test_upcoming_means_due_from_today_to_30_days_included(plans):
    assert _due(InspectionPlan.objects.upcoming(days_ago(0))) == {days_ago(0), days_ago(-30)}


def test_due_is_overdue_or_upcoming(plans):
    assert _due(InspectionPlan.objects.due(days_ago(0))) == {days_ago(1), days_ago(0), days_ago(-30)}


def test_plans_of_archived_facilities_are_never_due(plans, hugo):
    for plan in plans.values():
        facility_archive(facility=plan.facility, by=hugo)
    assert not InspectionPlan.objects.due(days_ago(0)).exists()
