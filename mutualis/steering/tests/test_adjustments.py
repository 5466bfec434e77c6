from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mutualis.steering.models import AdjustmentStatus, DueKind, MilestoneStatus
from mutualis.steering.services import ProposedChange, adjustment_decide, adjustment_propose
from mutualis.steering.tests.factories import MilestoneFactory


@pytest.fixture
def milestone(action):
    return MilestoneFactory(action=action)


@pytest.fixture
def proposal(action, milestone):
    return adjustment_propose(
        action=action, kind="calendar", text="Reporter d'un trimestre.", proposed_on=date(2021, 11, 15),
        changes=[ProposedChange(milestone, "T1 2022")],
    )  # fmt: skip


def test_a_proposal_leaves_the_milestones_as_they_are(proposal, milestone):
    milestone.refresh_from_db()
    assert (milestone.due_kind, milestone.due_start) == (DueKind.QUARTER, date(2021, 10, 1))
    assert proposal.changes.get().due_start == date(2022, 1, 1)


def test_the_bureau_accepting_a_proposal_changes_its_milestones(proposal, milestone):
    adjustment_decide(adjustment=proposal, decided_on=date(2021, 12, 6), outcome="accepted", reference="B-2021-42")
    milestone.refresh_from_db()
    assert (milestone.due_start, milestone.due_end) == (date(2022, 1, 1), date(2022, 4, 1))
    proposal.refresh_from_db()
    assert proposal.status == AdjustmentStatus.ACCEPTED
    assert (proposal.decision.body, proposal.decision.decided_on) == ("bureau", date(2021, 12, 6))


def test_the_bureau_rejecting_a_proposal_leaves_its_milestones(proposal, milestone):
    adjustment_decide(adjustment=proposal, decided_on=date(2021, 12, 6), outcome="rejected")
    milestone.refresh_from_db()
    assert milestone.due_start == date(2021, 10, 1)
    proposal.refresh_from_db()
    assert proposal.status == AdjustmentStatus.REJECTED


def test_the_bureau_decides_only_once(proposal):
    adjustment_decide(adjustment=proposal, decided_on=date(2021, 12, 6), outcome="rejected")
    with pytest.raises(ValidationError):
        adjustment_decide(adjustment=proposal, decided_on=date(2021, 12, 7), outcome="accepted")


def test_an_accepted_proposal_may_mark_a_milestone_done_on_the_decision_date(action, milestone):
    proposal = adjustment_propose(
        action=action, kind="nature", text="Réalisée autrement.", proposed_on=date(2021, 11, 15),
        changes=[ProposedChange(milestone, None, MilestoneStatus.DONE)],
    )  # fmt: skip
    adjustment_decide(adjustment=proposal, decided_on=date(2021, 12, 6), outcome="accepted")
    milestone.refresh_from_db()
    assert (milestone.status, milestone.done_on) == (MilestoneStatus.DONE, date(2021, 12, 6))


def test_a_proposal_cannot_touch_another_actions_milestone(action):
    with pytest.raises(ValidationError):
        adjustment_propose(
            action=action, kind="calendar", text="x", proposed_on=date(2021, 11, 15),
            changes=[ProposedChange(MilestoneFactory(), "2022")],
        )  # fmt: skip


def test_the_milestone_page_keeps_the_former_due_period(login, eve, proposal, milestone):
    adjustment_decide(adjustment=proposal, decided_on=date(2021, 12, 6), outcome="accepted")
    response = login(eve).get(reverse("steering:milestone_detail", args=[milestone.pk]))
    content = response.content.decode()
    assert "01/10/2021 → 01/01/2022" in content
