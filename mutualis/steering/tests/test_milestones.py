from datetime import date

import pytest
from django.core.exceptions import ValidationError

from mutualis.steering.models import MilestoneStatus
from mutualis.steering.services import milestone_save
from mutualis.steering.tests.factories import MilestoneFactory


def test_a_planned_milestone_whose_period_is_over_is_late(db):
    milestone = MilestoneFactory()
    assert milestone.state_on(date(2021, 12, 31)) == MilestoneStatus.PLANNED
    assert milestone.state_on(date(2022, 1, 1)) == MilestoneStatus.LATE


def test_a_done_or_dropped_milestone_is_never_late(db):
    assert MilestoneFactory(status=MilestoneStatus.DONE, done_on=date(2022, 2, 1)).state_on(date(2023, 1, 1)) == "done"
    assert MilestoneFactory(status=MilestoneStatus.DROPPED).state_on(date(2023, 1, 1)) == "dropped"


def test_the_coordinator_may_declare_a_milestone_late_before_its_due_date(action):
    milestone = milestone_save(action=action, title="Recensement", due="T4 2021", status=MilestoneStatus.LATE)
    assert milestone.state_on(date(2021, 10, 2)) == MilestoneStatus.LATE


def test_a_done_milestone_needs_its_date(action):
    with pytest.raises(ValidationError):
        milestone_save(action=action, title="Recensement", due="2022", status=MilestoneStatus.DONE)


def test_the_date_done_is_dropped_when_the_milestone_is_no_longer_done(action):
    milestone = milestone_save(
        action=action, title="Recensement", due="2022", status=MilestoneStatus.DONE, done_on=date(2022, 5, 1)
    )
    milestone = milestone_save(action=action, milestone=milestone, title="Recensement", due="2022")
    assert milestone.done_on is None


def test_milestones_sort_by_the_end_of_their_due_period(action):
    year = milestone_save(action=action, title="Premières mises à disposition", due="2022")
    quarter = milestone_save(action=action, title="Recensement des besoins", due="T3 2021")
    day = milestone_save(action=action, title="Création", due="01/01/2022")
    assert list(action.milestones.order_by("due_end", "pk")) == [quarter, day, year]
