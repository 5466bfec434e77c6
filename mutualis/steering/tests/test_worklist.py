from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from mutualis.core.tests.worklist import shown
from mutualis.steering import worklist
from mutualis.steering.tests.factories import MilestoneFactory


def test_the_coordination_has_the_milestones_late_or_due_soon(action, eve, alice, ed):
    today = timezone.localdate()
    due = MilestoneFactory(action=action, due_start=today, due_end=today + timedelta(days=10))
    MilestoneFactory(action=action, due_start=today + timedelta(days=90), due_end=today + timedelta(days=120))
    assert shown(worklist.milestones_due, eve) == [reverse("steering:milestone_detail", args=[due.pk])]
    assert shown(worklist.milestones_due, alice) == []
    assert shown(worklist.milestones_due, ed) == []
