"""Writes on the schéma: milestones, indicator values, and the technical committee's adjustments,
which change milestones only once the Bureau accepts them. Who takes part in an action is not
written here: it is read from the adhesions and the use of its service (`participants`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from mutualis.accounts.models import User
from mutualis.notifications.people import coordinators_of, managers_of
from mutualis.notifications.services import notify
from mutualis.steering.models import (
    Action,
    Adjustment,
    AdjustmentChange,
    AdjustmentStatus,
    IndicatorDefinition,
    ManualValue,
    Milestone,
    MilestoneStatus,
    ReportNote,
    Target,
)
from mutualis.steering.periods import parse_due
from mutualis.territory.models import Outcome
from mutualis.territory.services import decision_record

# ---------------------------------------------------------------- milestones


def _check_status(status: str, done_on: date | None) -> date | None:
    if status == MilestoneStatus.DONE and done_on is None:
        raise ValidationError({"done_on": _("Indiquez la date de réalisation.")})
    return done_on if status == MilestoneStatus.DONE else None


@transaction.atomic
def milestone_save(
    *,
    action: Action,
    title: str,
    due: str,
    details: str = "",
    status: str = MilestoneStatus.PLANNED,
    done_on: date | None = None,
    milestone: Milestone | None = None,
) -> Milestone:
    """Create a milestone, or update one; `due` is written as parse_due reads it ("T4 2021")."""
    kind, start, end = parse_due(due, action.scheme)
    milestone = milestone or Milestone(action=action)
    milestone.title, milestone.details = title, details
    milestone.due_kind, milestone.due_start, milestone.due_end = kind, start, end
    milestone.status, milestone.done_on = status, _check_status(status, done_on)
    milestone.save()
    return milestone


# ---------------------------------------------------------------- indicators


@transaction.atomic
def target_set(*, definition: IndicatorDefinition, year: int, value: Decimal) -> Target:
    target, _created = Target.objects.update_or_create(definition=definition, year=year, defaults={"value": value})
    return target


@transaction.atomic
def manual_value_set(*, definition: IndicatorDefinition, year: int, value: Decimal, source: str) -> ManualValue:
    """A value entered by hand, with its source; figures read from a service's registry are not entered."""
    if definition.registry_key:
        raise ValidationError(_("Cet indicateur est calculé à partir des données d'un service."))
    if not source.strip():
        raise ValidationError({"source": _("Indiquez la source de la valeur.")})
    value_row, _created = ManualValue.objects.update_or_create(
        definition=definition, year=year, defaults={"value": value, "source": source}
    )
    return value_row


# ---------------------------------------------------------------- technical committee


@dataclass(frozen=True)
class ProposedChange:
    milestone: Milestone
    due: str | None = None  # None: the due period stays
    status: str = ""


@transaction.atomic
def adjustment_propose(
    *, action: Action, kind: str, text: str, proposed_on: date, changes: list[ProposedChange], by: User | None = None
) -> Adjustment:
    adjustment = Adjustment.objects.create(action=action, kind=kind, text=text, proposed_on=proposed_on)
    for change in changes:
        if change.milestone.action_id != action.pk:
            raise ValidationError(_("Une échéance ajustée doit appartenir à l'action."))
        row = AdjustmentChange(adjustment=adjustment, milestone=change.milestone, status=change.status)
        if change.due is not None:
            row.due_kind, row.due_start, row.due_end = parse_due(change.due, action.scheme)
        row.save()
    _tell("steering.adjustment_proposed", adjustment, by, text=text)
    return adjustment


def _tell(event: str, adjustment: Adjustment, by: User | None, **context) -> None:
    """Tell the coordination and the managers of the action's service."""
    action = adjustment.action
    territory = action.scheme.territory_id
    recipients = [*coordinators_of(territory), *(managers_of(territory, action.service) if action.service else [])]
    notify(
        event,
        recipients=recipients,
        context={"action": action, **context},
        territory=territory,
        exclude=by,
        url=reverse("steering:adjustment_detail", args=[adjustment.pk]),
    )


@transaction.atomic
def adjustment_decide(
    *,
    adjustment: Adjustment,
    decided_on: date,
    outcome: str,
    reference: str = "",
    done_on: date | None = None,
    by: User | None = None,
) -> Adjustment:
    """Record the Bureau's decision; an accepted proposal changes its milestones (history keeps the former values)."""
    adjustment = Adjustment.objects.select_for_update().select_related("action__scheme").get(pk=adjustment.pk)
    if adjustment.status != AdjustmentStatus.PROPOSED:
        raise ValidationError(_("Le Bureau s'est déjà prononcé sur cette proposition."))
    adjustment.decision = decision_record(
        territory=adjustment.action.scheme.territory,
        decided_on=decided_on,
        subject=_("Ajustement du schéma : %(adjustment)s") % {"adjustment": adjustment},
        outcome=outcome,
        reference=reference,
    )
    adjustment.status = AdjustmentStatus.ACCEPTED if outcome == Outcome.ACCEPTED else AdjustmentStatus.REJECTED
    adjustment.save(update_fields=["decision", "status"])
    if adjustment.status == AdjustmentStatus.ACCEPTED:
        for change in adjustment.changes.select_related("milestone"):
            _apply(change, done_on or decided_on)
    _tell(
        "steering.adjustment_decided",
        adjustment,
        by,
        day=formats.date_format(decided_on),
        outcome=Outcome(outcome).label.lower(),
    )
    return adjustment


def _apply(change: AdjustmentChange, done_on: date) -> None:
    milestone = change.milestone
    if change.due_kind:
        milestone.due_kind, milestone.due_start, milestone.due_end = change.due_kind, change.due_start, change.due_end
    if change.status:
        milestone.status = change.status
        milestone.done_on = _check_status(change.status, milestone.done_on or done_on)
    milestone.save()


# ---------------------------------------------------------------- annual report


@transaction.atomic
def report_note_save(*, action: Action, year: int, text: str) -> ReportNote:
    note, _created = ReportNote.objects.update_or_create(action=action, year=year, defaults={"text": text})
    return note
