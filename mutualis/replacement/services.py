"""Writes of the replacement service: the pool, the territory's dated settings, adhesions,
requests, assignments and timesheets. Validated timesheets post the charges.

Who may ask is one `agreements.Adhesion` (service REPLACEMENT); conventions govern two steps:
a mission starts (its first hours) only once its mise à disposition is signed, and hours are
billed only once the organisation's adhesion convention is signed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from mutualis.accounts.models import User
from mutualis.agreements import services as agreements
from mutualis.agreements.models import Adhesion, GatedStep, Instrument
from mutualis.agreements.services import DOCUMENT_LANGUAGE, convention_cancel, convention_create, convention_gate
from mutualis.billing.models import Charge
from mutualis.billing.services import charge_post
from mutualis.core import money
from mutualis.notifications.people import managers_of, staff_of
from mutualis.notifications.services import notify
from mutualis.replacement.matching import peak_load
from mutualis.replacement.models import (
    REQUEST_TRANSITIONS,
    Agent,
    AgentSkill,
    Assignment,
    AssignmentStatus,
    Preference,
    Request,
    RequestStatus,
    ServiceRules,
    Skill,
    Tariff,
    Timesheet,
    TimesheetStatus,
    Unavailability,
    add_months,
    rules_on,
)
from mutualis.territory.models import Organisation, Service, Territory

MAX_HOURS_PER_WEEK = Decimal("48")
HOURS_STEP = Decimal("0.001")


def _saved(row, by: User | None):
    row.full_clean()
    row._history_user = by
    row.save()
    return row


# ---------------------------------------------------------------- pool


def _set_skills(agent: Agent, skills: dict[str, int]) -> None:
    unknown = set(skills) - set(Skill.values)
    if unknown:
        raise ValidationError(_("Compétence inconnue : %(skills)s.") % {"skills": ", ".join(sorted(unknown))})
    agent.skills.exclude(skill__in=[code for code, level in skills.items() if level]).delete()
    for code, level in skills.items():
        if level:
            AgentSkill.objects.update_or_create(agent=agent, skill=code, defaults={"level": level})


@transaction.atomic
def agent_save(
    *,
    territory: Territory,
    name: str,
    home: Organisation,
    working_hours: Decimal,
    max_km: int,
    skills: dict[str, int],
    user: User | None = None,
    is_active: bool = True,
    agent: Agent | None = None,
    by: User | None = None,
) -> Agent:
    """Create an agent of the pool (or update `agent`) with her skills {skill: level 1-3, 0 for none}."""
    if home.territory_id != territory.pk:
        raise ValidationError({"home": _("La commune de résidence doit appartenir au territoire.")})
    agent = agent or Agent(territory=territory)
    agent.name, agent.home, agent.working_hours = name.strip(), home, working_hours
    agent.max_km, agent.user, agent.is_active = max_km, user, is_active
    _saved(agent, by)
    _set_skills(agent, skills)
    return agent


@transaction.atomic
def unavailability_add(
    *, agent: Agent, kind: str, start: date, end: date, note: str = "", by: User | None = None
) -> Unavailability:
    """Record leave or training; the agent is no longer proposed for requests over that period."""
    return _saved(Unavailability(agent=agent, kind=kind, start=start, end=end, note=note.strip()), by)


# ---------------------------------------------------------------- dated settings


@transaction.atomic
def tariff_set(
    *, territory: Territory, valid_from: date, hourly_rate: Decimal, km_allowance: Decimal, by: User | None = None
) -> Tariff:
    """The tariff applicable from a date on. Hours already billed (validated timesheets) on or
    after that date keep their price: a new tariff cannot start before them."""
    billed = Charge.objects.posted().filter(
        territory=territory, source_type=ContentType.objects.get_for_model(Timesheet), date__gte=valid_from
    )
    if billed.exists():
        raise ValidationError(
            {"valid_from": _("Des heures sont déjà facturées à partir de cette date ; choisissez une date ultérieure.")}
        )
    tariff = Tariff.objects.filter(territory=territory, valid_from=valid_from).first() or Tariff(
        territory=territory, valid_from=valid_from
    )
    tariff.hourly_rate, tariff.km_allowance = hourly_rate, km_allowance
    return _saved(tariff, by)


@transaction.atomic
def rules_set(
    *,
    territory: Territory,
    valid_from: date,
    max_mission_months: int,
    max_days_per_week: int,
    small_communes_first: bool,
    by: User | None = None,
) -> ServiceRules:
    rules = ServiceRules.objects.filter(territory=territory, valid_from=valid_from).first() or ServiceRules(
        territory=territory, valid_from=valid_from
    )
    rules.max_mission_months, rules.max_days_per_week = max_mission_months, max_days_per_week
    rules.small_communes_first = small_communes_first
    return _saved(rules, by)


# ---------------------------------------------------------------- adhesion and preferences


@transaction.atomic
def adhesion_create(*, organisation: Organisation, start: date, by: User | None = None) -> Adhesion:
    """The organisation joins the service by a convention of mise à disposition individuelle
    with the EPCI, at the tariff in force on `start` (`agreements.services.adhesion_create`)."""
    territory = organisation.territory
    tariff = Tariff.objects.in_force(territory, start)
    terms = (
        _("au tarif de %(rate)s € de l'heure et %(km)s € par kilomètre parcouru, révisable par délibération")
        % {"rate": _money(tariff.hourly_rate), "km": _money(tariff.km_allowance)}
        if tariff
        else _("au tarif fixé par délibération")
    )
    return agreements.adhesion_create(
        organisation=organisation,
        service=Service.REPLACEMENT,
        start=start,
        convention_instrument=Instrument.INDIVIDUAL_SECONDMENT,
        object=(
            f"Mise à disposition, à la demande de {organisation.name}, d'agents du service de remplacement "
            f"de {territory.epci().name} pour remplacer ses agents absents, {terms}."
        ),
        amount_description=terms,
        by=by,
    )


@transaction.atomic
def preference_set(*, organisation: Organisation, agent: Agent, kind: str | None, by: User | None = None) -> None:
    """Name an agent preferred or excluded for the organisation; None forgets the wish."""
    if agent.territory_id != organisation.territory_id:
        raise ValidationError({"agent": _("Cet agent n'appartient pas au territoire.")})
    Preference.objects.filter(organisation=organisation, agent=agent).delete()
    if kind:
        _saved(Preference(organisation=organisation, agent=agent, kind=kind), by)


# ---------------------------------------------------------------- requests


def _move(request: Request, status: str, by: User | None, **fields) -> Request:
    """Apply a transition after re-reading the status under a row lock."""
    current = Request.objects.select_for_update().values_list("status", flat=True).get(pk=request.pk)
    if current not in REQUEST_TRANSITIONS[status]:
        raise ValidationError(
            _("Une demande « %(current)s » ne peut pas passer à « %(target)s ».")
            % {"current": RequestStatus(current).label, "target": RequestStatus(status).label}
        )
    for name, value in fields.items():
        setattr(request, name, value)
    request.status = status
    request._history_user = by
    request.save(update_fields=["status", *fields])
    return request


@transaction.atomic
def request_create(
    *,
    organisation: Organisation,
    motive: str,
    start: date,
    end: date | None,
    weekdays: Iterable[int],
    weekly_hours: Decimal,
    skills: Iterable[str] = (),
    urgency: int = 1,
    notes: str = "",
    created_by: User,
) -> Request:
    """Ask for a replacement. The organisation must adhere to the service on the first day asked
    for; the days asked for a week stay within the service's rules."""
    agreements.adhesion_required(organisation, Service.REPLACEMENT, start)
    weekdays = sorted(set(weekdays))
    if not weekdays:
        raise ValidationError({"weekdays": _("Cochez au moins un jour.")})
    rules = rules_on(organisation.territory, start)
    if len(weekdays) > rules.max_days_per_week:
        raise ValidationError(
            {
                "weekdays": _("Le service intervient %(days)s jours par semaine au plus pour une organisation.")
                % {"days": rules.max_days_per_week}
            }  # fmt: skip
        )
    if weekly_hours > MAX_HOURS_PER_WEEK:
        raise ValidationError({"weekly_hours": _("48 heures par semaine au plus.")})
    request = Request(
        territory=organisation.territory,
        organisation=organisation,
        motive=motive,
        start=start,
        end=end,
        weekdays=weekdays,
        weekly_hours=weekly_hours,
        skills=sorted(set(skills)),
        urgency=urgency,
        notes=notes.strip(),
        created_by=created_by,
    )
    _saved(request, created_by)
    _tell_about_request(
        "replacement.request_created", request, created_by, managers_of(request.territory_id, Service.REPLACEMENT)
    )
    return request


def _tell_about_request(event: str, request: Request, by: User, recipients: Iterable[User]) -> None:
    context = {
        "organisation": request.organisation,
        "motive": request.get_motive_display().lower(),
        "start": formats.date_format(request.start),
        "hours": _hours(request.weekly_hours),
    }
    url = reverse("replacement:request_detail", args=[request.pk])
    notify(event, recipients=recipients, context=context, url=url, territory=request.territory_id, exclude=by)


def _everyone_on(request: Request) -> list[User]:
    """Who follows a request: the service's managers, the organisation's staff, its agents."""
    agents = [assignment.agent.user for assignment in request.assignments.active().select_related("agent__user")]
    return [*managers_of(request.territory_id, Service.REPLACEMENT), *staff_of(request.organisation_id), *agents]


@transaction.atomic
def request_cancel(*, request: Request, by: User) -> Request:
    """Cancel a request not yet under way; its assignments and their unsigned conventions go with it."""
    _move(request, RequestStatus.CANCELLED, by)
    _tell_about_request("replacement.request_cancelled", request, by, _everyone_on(request))
    for assignment in request.assignments.active().select_related("convention"):
        assignment.status = AssignmentStatus.CANCELLED
        assignment._history_user = by
        assignment.save(update_fields=["status"])
        if assignment.convention and assignment.convention.can_be_cancelled:
            convention_cancel(convention=assignment.convention, by=by)
    return request


@transaction.atomic
def request_end(*, request: Request, by: User) -> Request:
    _move(request, RequestStatus.ENDED, by)
    _tell_about_request("replacement.request_ended", request, by, _everyone_on(request))
    return request


# ---------------------------------------------------------------- assignments


@transaction.atomic
def assignment_create(
    *, request: Request, agent: Agent, start: date, end: date, weekly_hours: Decimal, by: User
) -> Assignment:
    """Second an agent to the requesting organisation over [start, end), with its convention.

    The agent's row is locked before her commitments are read again: of two assignments of the
    same agent made at the same moment, the second sees the first and is refused if together
    they exceed her working time on some day.
    """
    request = Request.objects.select_for_update().select_related("organisation", "territory").get(pk=request.pk)
    if not request.is_open:
        raise ValidationError(_("Cette demande n'attend plus d'agent."))
    if end <= start:
        raise ValidationError({"end": _("La fin doit être postérieure au début.")})
    if start < request.start or (request.end and end > request.end):
        raise ValidationError({"start": _("La mission doit rester dans la période de la demande.")})
    months = rules_on(request.territory, start).max_mission_months
    if end > add_months(start, months):
        raise ValidationError(
            {
                "end": _("Une mission dure %(months)s mois au plus ; affectez un autre agent ensuite.")
                % {"months": months}
            }
        )
    if not 0 < weekly_hours <= MAX_HOURS_PER_WEEK:
        raise ValidationError({"weekly_hours": _("Entre 0 et 48 heures par semaine.")})
    agent = Agent.objects.select_for_update().select_related("home").get(pk=agent.pk)
    if agent.territory_id != request.territory_id or not agent.is_active:
        raise ValidationError({"agent": _("Cet agent n'est pas en activité dans le service.")})
    if request.organisation.replacement_preferences.filter(agent=agent, kind="excluded").exists():
        raise ValidationError({"agent": _("L'organisation a écarté cet agent.")})
    if agent.unavailabilities.meeting(start, end).exists():
        raise ValidationError({"agent": _("Cet agent est indisponible sur une partie de la période.")})
    spans = list(agent.assignments.meeting(start, end).values_list("start", "end", "weekly_hours"))
    committed = peak_load(spans, start, end)
    if committed + weekly_hours > agent.working_hours:
        raise ValidationError(
            {
                "agent": _(
                    "Cet agent a déjà %(committed)s h par semaine de missions sur la période ; "
                    "avec celle-ci, il dépasserait son temps de travail (%(total)s h)."
                )
                % {"committed": committed.normalize(), "total": agent.working_hours.normalize()}
            }  # fmt: skip
        )
    assignment = _saved(
        Assignment(
            request=request,
            territory=request.territory,
            organisation=request.organisation,
            agent=agent,
            start=start,
            end=end,
            weekly_hours=weekly_hours,
            created_by=by,
        ),
        by,
    )
    assignment.convention = _mission_convention(assignment, by)
    assignment.save(update_fields=["convention"])
    if request.status == RequestStatus.RECEIVED:
        _move(request, RequestStatus.ASSIGNED, by, first_assigned_at=timezone.now())
    context = {
        "agent": agent.name,
        "organisation": request.organisation,
        "start": formats.date_format(start),
        "last_day": formats.date_format(end - timedelta(days=1)),
        "hours": _hours(weekly_hours),
    }
    notify(
        "replacement.assigned",
        recipients=[*staff_of(request.organisation_id), agent.user],
        context=context,
        url=reverse("replacement:assignment_detail", args=[assignment.pk]),
        territory=request.territory_id,
        exclude=by,
    )
    return assignment


def _mission_convention(assignment: Assignment, by: User):
    request, agent = assignment.request, assignment.agent
    tariff = Tariff.objects.in_force(assignment.territory, assignment.start)
    terms = (
        f"{_money(tariff.hourly_rate)} € de l'heure et {_money(tariff.km_allowance)} € par kilomètre, "
        "au tarif en vigueur chaque jour travaillé"
        if tariff
        else "au tarif fixé par délibération"
    )
    with translation.override(DOCUMENT_LANGUAGE):
        days = ", ".join(str(label) for label in request.weekday_labels)
        motive = str(request.get_motive_display()).lower()
    return convention_create(
        territory=assignment.territory,
        instrument=Instrument.INDIVIDUAL_SECONDMENT,
        title=f"Mise à disposition de {agent.name} auprès de {assignment.organisation.name}"[:200],
        object=(
            f"Mise à disposition individuelle de {agent.name}, agent du service de remplacement, auprès de "
            f"{assignment.organisation.name}, {_hours(assignment.weekly_hours)} heures par semaine ({days}), "
            f"motif : {motive}. Les heures validées par l'organisation d'accueil "
            f"lui sont facturées : {terms}."
        ),
        parties=[
            (assignment.territory.epci(), "EPCI, employeur de l'agent"),
            (assignment.organisation, "organisation d'accueil"),
        ],  # fmt: skip
        start=assignment.start,
        end=assignment.end,
        amount_description=terms,
        source=assignment,
        created_by=by,
    )


# ---------------------------------------------------------------- timesheets


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


@transaction.atomic
def timesheet_record(*, assignment: Assignment, week: date, hours: Decimal, km: Decimal, by: User) -> Timesheet:
    """Record (or correct) the hours of one week; a validated week can no longer change.

    This is where a mission starts to run: the agent works for the organisation only in the
    weeks she records, and the first of them moves the request to "in progress" (assigning
    the agent only drafts the convention, which the parties then sign). So the mise à
    disposition must be signed here, for every week (`GatedStep.MISSION_START`).
    """
    week = monday_of(week)
    if assignment.status != AssignmentStatus.ACTIVE:
        raise ValidationError(_("Cette mission est annulée."))
    convention_gate(convention=assignment.convention, step=GatedStep.MISSION_START)
    if not (week < assignment.end and week + timedelta(days=7) > assignment.start):
        raise ValidationError({"week": _("Cette semaine est en dehors de la mission.")})
    if week > timezone.localdate():
        raise ValidationError({"week": _("Les heures se saisissent une fois la semaine commencée.")})
    if hours > MAX_HOURS_PER_WEEK:
        raise ValidationError({"hours": _("48 heures par semaine au plus.")})
    timesheet = Timesheet.objects.select_for_update().filter(assignment=assignment, week=week).first()
    if timesheet is None:
        timesheet = Timesheet(assignment=assignment, week=week)
    elif timesheet.is_locked:
        raise ValidationError(_("Cette semaine est validée : elle ne peut plus être modifiée."))
    timesheet.hours, timesheet.km, timesheet.recorded_by = hours, km, by
    timesheet.status, timesheet.dispute_reason = TimesheetStatus.SUBMITTED, ""
    _saved(timesheet, by)
    if assignment.request.status == RequestStatus.ASSIGNED:
        _move(assignment.request, RequestStatus.IN_PROGRESS, by)
    _tell_about_timesheet("replacement.timesheet_recorded", timesheet, by, staff_of(assignment.organisation_id))
    return timesheet


def _tell_about_timesheet(event: str, timesheet: Timesheet, by: User, recipients: Iterable[User]) -> None:
    assignment = timesheet.assignment
    context = {
        "agent": assignment.agent.name,
        "organisation": assignment.organisation,
        "week": formats.date_format(timesheet.week),
        "hours": _hours(timesheet.hours),
        "km": _hours(timesheet.km),
        "reason": timesheet.dispute_reason,
    }
    url = reverse("replacement:assignment_detail", args=[assignment.pk])
    notify(event, recipients=recipients, context=context, url=url, territory=assignment.territory_id, exclude=by)


def _agent_and_service(timesheet: Timesheet) -> list[User]:
    assignment = timesheet.assignment
    return [assignment.agent.user, *managers_of(assignment.territory_id, Service.REPLACEMENT)]


def _decide(timesheet: Timesheet) -> Timesheet:
    locked = Timesheet.objects.select_for_update().with_detail_data().get(pk=timesheet.pk)
    if not locked.can_be_decided:
        raise ValidationError(_("Ce relevé a déjà été validé ou contesté."))
    return locked


@transaction.atomic
def timesheet_validate(*, timesheet: Timesheet, by: User) -> Timesheet:
    """Validate a week: it is locked and billed to the organisation, which the convention of
    its adhesion in force that week must allow (`GatedStep.BILLING`: signed)."""
    timesheet = _decide(timesheet)
    assignment = timesheet.assignment
    adhesion = agreements.adhesion_of(
        assignment.organisation, Service.REPLACEMENT, max(timesheet.week, assignment.start)
    )
    convention_gate(convention=adhesion.convention if adhesion else None, step=GatedStep.BILLING)
    timesheet.status, timesheet.decided_by, timesheet.decided_at = TimesheetStatus.VALIDATED, by, timezone.now()
    _saved(timesheet, by)
    for line in charge_lines(timesheet):
        charge_post(
            organisation=assignment.organisation,
            service=Service.REPLACEMENT,
            label=line.label,
            quantity=line.quantity,
            unit_price=line.unit_price,
            amount=line.amount,
            date=line.date,
            source=timesheet,
            created_by=by,
        )
    _tell_about_timesheet("replacement.timesheet_validated", timesheet, by, _agent_and_service(timesheet))
    return timesheet


@transaction.atomic
def timesheet_dispute(*, timesheet: Timesheet, reason: str, by: User) -> Timesheet:
    """Dispute a week; the agent corrects it, which submits it again."""
    if not reason.strip():
        raise ValidationError({"reason": _("Indiquez ce qui ne va pas.")})
    timesheet = _decide(timesheet)
    timesheet.status, timesheet.dispute_reason = TimesheetStatus.DISPUTED, reason.strip()
    timesheet.decided_by, timesheet.decided_at = by, timezone.now()
    _saved(timesheet, by)
    _tell_about_timesheet("replacement.timesheet_disputed", timesheet, by, _agent_and_service(timesheet))
    return timesheet


# ---------------------------------------------------------------- billing arithmetic


@dataclass(frozen=True)
class ChargeLine:
    label: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal
    date: date


def days_worked(timesheet: Timesheet) -> list[date]:
    """The days of the week the hours are spread over: the request's weekdays inside the
    mission; the mission's first day of that week if none falls there."""
    assignment = timesheet.assignment
    week = [timesheet.week + timedelta(days=n) for n in range(7)]
    inside = [day for day in week if assignment.start <= day < assignment.end]
    return [day for day in inside if day.weekday() in assignment.request.weekdays] or inside[:1]


def charge_lines(timesheet: Timesheet) -> list[ChargeLine]:
    """What a validated week bills: hours × hourly rate and km × allowance, at the tariff in
    force on each day worked. The week's hours (and km) are spread evenly over its days worked
    and the days grouped by tariff and by month, so that a tariff change or a month end in the
    middle of a week gives one line each side, dated on its first day (the monthly statement
    then finds each line in its month). Each tariff's amount is computed once and split between
    its months (`core.money.spread`): the lines add up to hours × rate to the cent."""
    months_by_tariff: dict[Tariff, dict[date, list[date]]] = {}
    for day in days_worked(timesheet):
        tariff = Tariff.objects.in_force(timesheet.assignment.territory, day)
        if tariff is None:
            raise ValidationError(
                _("Aucun tarif du service n'est en vigueur le %(day)s.") % {"day": formats.date_format(day, "d/m/Y")}
            )
        months_by_tariff.setdefault(tariff, {}).setdefault(day.replace(day=1), []).append(day)
    days_per_tariff = [sum(len(days) for days in months.values()) for months in months_by_tariff.values()]
    hours_per_tariff = money.split(timesheet.hours, days_per_tariff, HOURS_STEP)
    km_per_tariff = money.split(timesheet.km or Decimal(0), days_per_tariff, HOURS_STEP)
    prefix = f"Remplacement – {timesheet.assignment.agent.name} – "
    lines = []
    for (tariff, months), hours, km in zip(months_by_tariff.items(), hours_per_tariff, km_per_tariff, strict=True):
        weights = [len(days) for days in months.values()]
        hour_parts = money.spread(hours, tariff.hourly_rate, weights, HOURS_STEP)
        km_parts = money.spread(km, tariff.km_allowance, weights, HOURS_STEP)
        for days, (hours_part, hours_amount), (km_part, km_amount) in zip(
            months.values(), hour_parts, km_parts, strict=True
        ):
            span = _span(days)
            lines.append(ChargeLine(f"{prefix}heures {span}", hours_part, tariff.hourly_rate, hours_amount, days[0]))
            if km_part > 0 and tariff.km_allowance > 0:
                lines.append(
                    ChargeLine(f"{prefix}déplacements {span}", km_part, tariff.km_allowance, km_amount, days[0])
                )
    return lines


def _span(days: list[date]) -> str:
    if len(days) == 1:
        return f"du {days[0]:%d/%m/%Y}"
    return f"du {days[0]:%d/%m/%Y} au {days[-1]:%d/%m/%Y}"


def _money(value: Decimal) -> str:
    return formats.number_format(value, 2)


def _hours(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")
