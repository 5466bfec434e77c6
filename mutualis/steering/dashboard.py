"""The schéma's dashboard, in a fixed number of queries whatever the number of actions and milestones."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from mutualis.core.periods import year_span
from mutualis.steering.figures import Balance, balances
from mutualis.steering.models import Action, DueKind, Milestone, MilestoneStatus, Scheme
from mutualis.steering.participants import participants_by_action


@dataclass
class Light:
    level: str  # "ok", "warning" or "alert": a CSS class; the text says the same
    text: str


def light(action: Action, milestones: list[Milestone], balance: Balance, today: date) -> Light:
    if action.is_completed:
        return Light("ok", _("Terminée"))
    if balance.out_of_balance:
        return Light("alert", _("Hors équilibre économique"))
    if any(m.state_on(today) == MilestoneStatus.LATE for m in milestones):
        return Light("warning", _("Échéance en retard"))
    return Light("ok", _("Dans les temps"))


@dataclass
class Row:
    action: Action
    light: Light
    balance: Balance
    throughout: list[Milestone]
    by_year: list[list[Milestone]]


def dashboard_data(scheme: Scheme, year: int, today: date) -> dict:
    actions = list(scheme.actions.select_related("scheme__territory"))
    milestones: dict[int, list[Milestone]] = defaultdict(list)
    for milestone in Milestone.objects.filter(action__scheme=scheme).order_by("due_start", "due_end", "pk"):
        milestones[milestone.action_id].append(milestone)
    money = balances(actions, year)
    rows = []
    for action in actions:
        own = milestones[action.pk]
        rows.append(
            Row(
                action,
                light(action, own, money[action.pk], today),
                money[action.pk],
                [m for m in own if m.due_kind == DueKind.SCHEME],
                [[m for m in own if m.due_kind != DueKind.SCHEME and m.due_start.year == y] for y in scheme.years],
            )
        )
    return {"rows": rows, "today": today, "sectors": participation_by_sector(actions, year)}


def participation_by_sector(actions: list[Action], year: int) -> list[list]:
    """[sector name, count for action 1, …, count for action n]: who took part during the year."""
    by_sector: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for action_id, participants in participants_by_action(actions, *year_span(year)).items():
        for participant in participants:
            by_sector[str(participant.organisation.sector or _("Sans secteur"))][action_id] += 1
    return [[sector, *[by_sector[sector][a.pk] for a in actions]] for sector in sorted(by_sector)]
