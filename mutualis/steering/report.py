"""The annual progress report (bilan d'avancement annuel): one structure, rendered as PDF and as ODT."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mutualis.core.charts import Chart
from mutualis.core.periods import year_span
from mutualis.steering.charts import balance_chart, indicator_chart
from mutualis.steering.figures import Balance, IndicatorResult, balances_by_year, indicator_results
from mutualis.steering.models import (
    Action,
    Adjustment,
    IndicatorDefinition,
    Milestone,
    MilestoneStatus,
    ReportNote,
    Scheme,
)
from mutualis.steering.participants import Participant, participants_by_action
from mutualis.steering.phrases import adjustments_sentence, milestones_sentence, participation_sentence


@dataclass
class ActionReport:
    action: Action
    participation: str
    participants: list[Participant]
    milestones_summary: str
    done: list[Milestone]
    late: list[Milestone]
    indicators: list[IndicatorResult]
    balance: Balance
    charts: list[Chart]
    adjustments: list[Adjustment]
    adjustments_summary: str
    note: str

    @property
    def who(self) -> str:
        """ "Jouhe (adhésion), Foucherans (utilisation du service)": the participants, by name."""
        return ", ".join(f"{p.organisation.name} ({p.how})" for p in self.participants)


@dataclass
class AnnualReport:
    scheme: Scheme
    year: int
    overview: list[str] = field(default_factory=list)
    actions: list[ActionReport] = field(default_factory=list)

    @property
    def title(self) -> str:
        return _("Bilan d'avancement %(year)d du %(scheme)s") % {"year": self.year, "scheme": self.scheme}


def annual_report(scheme: Scheme, year: int, today: date) -> AnnualReport:
    start, end = year_span(year)
    actions = list(scheme.actions.select_related("scheme__territory"))
    taking_part = participants_by_action(actions, start, end)
    milestones = list(Milestone.objects.filter(action__in=actions).order_by("due_end", "pk"))
    adjustments = list(Adjustment.objects.filter(action__in=actions, proposed_on__gte=start, proposed_on__lt=end))
    notes = dict(ReportNote.objects.filter(action__in=actions, year=year).values_list("action_id", "text"))
    by_year = balances_by_year(actions, sorted({*scheme.years, year}))
    money = by_year[year]
    results = indicator_results(actions, year, money)
    charts = report_charts(actions, {y: by_year[y] for y in scheme.years}, min(today, end - timedelta(days=1)))
    report = AnnualReport(scheme, year)
    for action in actions:
        done = [m for m in milestones if m.action_id == action.pk and m.done_on and start <= m.done_on < end]
        late = [
            m for m in milestones
            if m.action_id == action.pk and m.due_start < end and m.state_on(min(today, end)) == MilestoneStatus.LATE
        ]  # fmt: skip
        proposed = [a for a in adjustments if a.action_id == action.pk]
        participants = taking_part[action.pk]
        communes = sum(p.is_commune for p in participants)
        report.actions.append(
            ActionReport(
                action=action,
                participation=participation_sentence(communes, len(participants) - communes, year),
                participants=participants,
                milestones_summary=milestones_sentence(len(done), len(late)),
                done=done,
                late=late,
                indicators=results[action.pk],
                balance=money[action.pk],
                charts=charts[action.pk],
                adjustments=proposed,
                adjustments_summary=adjustments_sentence(len(proposed)),
                note=notes.get(action.pk, ""),
            )
        )
    report.overview = overview(report)
    return report


def report_charts(actions: list[Action], by_year: dict[int, dict[int, Balance]], until: date) -> dict[int, list[Chart]]:
    """Each action's costs and revenues, then each of its indicators, over the schéma's years up to `until`."""
    charts = {a.pk: [balance_chart(a, {y: money[a.pk] for y, money in by_year.items()}, until)] for a in actions}
    definitions = (
        IndicatorDefinition.objects.filter(action__in=actions)
        .select_related("action__scheme__territory")
        .prefetch_related("targets", "values")
        .order_by("action", "pk")
    )
    for definition in definitions:
        charts[definition.action_id].append(indicator_chart(definition, until))
    return charts


def overview(report: AnnualReport) -> list[str]:
    done = sum(len(a.done) for a in report.actions)
    late = sum(len(a.late) for a in report.actions)
    out = [a.action.number for a in report.actions if a.balance.out_of_balance]
    lines = [
        ngettext(
            "Le schéma compte %(count)d action sur la période %(start)d-%(end)d.",
            "Le schéma compte %(count)d actions sur la période %(start)d-%(end)d.",
            len(report.actions),
        )
        % {"count": len(report.actions), "start": report.scheme.start_year, "end": report.scheme.end_year},
        milestones_sentence(done, late),
        adjustments_sentence(sum(len(a.adjustments) for a in report.actions)),
    ]
    if out:
        lines.append(
            _("Actions hors équilibre économique : %(numbers)s.") % {"numbers": ", ".join(str(n) for n in out)}
        )
    else:
        lines.append(_("Toutes les actions sont à l'équilibre économique."))
    return lines
