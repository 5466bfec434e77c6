import pytest
from django.core.exceptions import ValidationError

from mutualis.facilities.models import InspectionKind, InspectionPlan, PeriodUnit
from mutualis.facilities.services import facility_archive, plan_save
from mutualis.facilities.tests.factories import PlanFactory, days_ago


def _plan(goal, **fields):
    return InspectionPlan(**{"facility": goal, "kind": InspectionKind.MAIN, "every": 12, "unit": PeriodUnit.MONTHS,
                             "starts_on": days_ago(0), **fields})  # fmt: skip


def test_a_facility_has_one_plan_per_kind_of_inspection(goal, hugo):
    PlanFactory(facility=goal, kind=InspectionKind.MAIN)
    with pytest.raises(ValidationError) as error:
        plan_save(plan=_plan(goal), by=hugo)
    assert "kind" in error.value.error_dict


def test_changing_the_periodicity_moves_the_due_date(goal, hugo):
    plan = plan_save(plan=_plan(goal, starts_on=days_ago(400)), by=hugo)
    plan.starts_on = days_ago(3)
    plan_save(plan=plan, by=hugo)
    plan.refresh_from_db()
    assert plan.next_due_on == days_ago(3)


def test_a_periodicity_of_zero_is_refused(goal, hugo):
    with pytest.raises(ValidationError):
        plan_save(plan=_plan(goal, every=0), by=hugo)


def test_an_archived_facility_gets_no_new_plan(goal, hugo):
    facility_archive(facility=goal, by=hugo)
    with pytest.raises(ValidationError):
        plan_save(plan=_plan(goal), by=hugo)
