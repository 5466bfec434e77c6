"""Candidates for a replacement request, ranked, each with the reasons for its rank.

Four criteria, weighted into one score out of 100: skill match (40), free time over the whole
period (25), distance from the agent's home commune (25) and current load (10); an agent the
organisation prefers gets 10 more. Never proposed: inactive agents, agents unavailable on some
day of the period, agents the organisation excluded, agents without enough free hours, and
agents living farther than their maximum distance.

Distance is the great-circle distance between the communes' coordinates when both are known;
otherwise the sectors stand in (same sector, then others). No network service is called.

Reads are bounded whatever the pool: the agents with their skills, their assignments and
unavailabilities over the period, and the organisation's preferences (five queries, read as
tuples where no model instance is needed); the rest
is computed in Python.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from mutualis.replacement.models import (
    Agent,
    AgentSkill,
    Assignment,
    PreferenceKind,
    Request,
    Skill,
    Unavailability,
    add_months,
    rules_on,
)
from mutualis.territory.models import Organisation

WEIGHTS = {"skills": 40, "free": 25, "distance": 25, "load": 10}
PREFERRED_BONUS = 10
SAME_SECTOR_SCORE = 0.8
OTHER_SECTOR_SCORE = 0.4
EARTH_RADIUS_KM = 6371.0

Span = tuple[date, date, Decimal]


@dataclass
class Candidate:
    agent: Agent
    score: float
    free_hours: Decimal
    load_hours: Decimal
    distance_km: float | None
    reasons: list[str] = field(default_factory=list)


@dataclass
class Discarded:
    agent: Agent
    reason: str


def haversine_km(a: Organisation, b: Organisation) -> float | None:
    """Great-circle distance between two organisations' coordinates; None when one is missing."""
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    lat1, lon1, lat2, lon2 = (math.radians(float(v)) for v in (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def peak_load(spans: list[Span], start: date, end: date) -> Decimal:
    """The highest number of weekly hours committed at once on some day of [start, end)."""
    events: list[tuple[date, Decimal]] = []
    for span_start, span_end, hours in spans:
        first, stop = max(span_start, start), min(span_end, end)
        if first < stop:
            events += [(first, hours), (stop, -hours)]
    # At equal dates the ends (negative) come first: periods are half-open.
    events.sort()
    peak = current = Decimal(0)
    for _day, hours in events:
        current += hours
        peak = max(peak, current)
    return peak


def matching_period(request: Request) -> tuple[date, date]:
    """The period candidates must be free over: the request's, or for an open end, the longest
    mission the rules allow."""
    if request.end:
        return request.start, request.end
    return request.start, add_months(request.start, rules_on(request.territory, request.start).max_mission_months)


def skill_match(required: list[str], levels: dict[str, int]) -> tuple[float, str]:
    if not required:
        return 1.0, _("aucune compétence particulière demandée")
    parts = []
    for code in required:
        level = levels.get(code)
        label = Skill(code).label
        parts.append(
            _("%(skill)s niveau %(level)s/3") % {"skill": label, "level": level}
            if level
            else _("%(skill)s absente") % {"skill": label}
        )
    score = sum(levels.get(code, 0) for code in required) / (3 * len(required))
    return score, _("Compétences : %(list)s") % {"list": ", ".join(parts)}


def distance_score(agent: Agent, organisation: Organisation) -> tuple[float | None, float, str]:
    """(km or None, score between 0 and 1, reason)."""
    km = 0.0 if agent.home_id == organisation.pk else haversine_km(agent.home, organisation)
    if km is not None:
        score = 1 - km / agent.max_km if agent.max_km else 0.0
        return km, score, _("%(km).0f km depuis %(home)s") % {"km": km, "home": agent.home.name}
    if agent.home.sector_id and agent.home.sector_id == organisation.sector_id:
        return None, SAME_SECTOR_SCORE, _("habite le même secteur (%(home)s)") % {"home": agent.home.name}
    return None, OTHER_SECTOR_SCORE, _("habite un autre secteur (%(home)s)") % {"home": agent.home.name}


def rank_candidates(request: Request, today: date | None = None) -> tuple[list[Candidate], list[Discarded]]:
    """The agents who could take the request, best first, and those left out with why."""
    today = today or timezone.localdate()
    start, end = matching_period(request)
    agents = list(
        Agent.objects.filter(territory_id=request.territory_id).active().select_related("home").order_by("name", "pk")
    )
    # Plain tuples, not model instances: the pool's skills are read on every ranking.
    levels: dict[int, dict[str, int]] = defaultdict(dict)
    for agent_id, skill, level in AgentSkill.objects.filter(agent__territory_id=request.territory_id).values_list(
        "agent_id", "skill", "level"
    ):
        levels[agent_id][skill] = level
    # One read of every assignment that matters: over the period, or ongoing today (the load).
    window_start, window_end = min(start, today), max(end, today + timedelta(days=1))
    spans: dict[int, list[Span]] = defaultdict(list)
    for agent_id, span_start, span_end, hours in (
        Assignment.objects.filter(agent__territory_id=request.territory_id)
        .meeting(window_start, window_end)
        .values_list("agent_id", "start", "end", "weekly_hours")
    ):
        spans[agent_id].append((span_start, span_end, hours))
    unavailable = dict(
        Unavailability.objects.filter(agent__territory_id=request.territory_id)
        .meeting(start, end)
        .values_list("agent_id", "kind")
    )
    preferences = dict(request.organisation.replacement_preferences.values_list("agent_id", "kind"))
    organisation = request.organisation

    # Translated once: the same sentences recur for hundreds of agents.
    free_text = _("%(free)s h libres par semaine sur toute la période (sur %(total)s h)")
    load_text = _("charge actuelle : %(load)s h par semaine")
    skill_results: dict[tuple[int, ...], tuple[float, str]] = {}
    candidates, discarded = [], []
    for agent in agents:
        preference = preferences.get(agent.pk)
        if preference == PreferenceKind.EXCLUDED:
            discarded.append(Discarded(agent, _("écarté par l'organisation")))
            continue
        if agent.pk in unavailable:
            discarded.append(Discarded(agent, _("indisponible sur la période (congés, formation…)")))
            continue
        free = agent.working_hours - peak_load(spans[agent.pk], start, end)
        if free < request.weekly_hours:
            discarded.append(Discarded(agent, _("%(free)s h libres par semaine seulement") % {"free": _hours(free)}))
            continue
        km, distance, distance_reason = distance_score(agent, organisation)
        if km is not None and km > agent.max_km:
            discarded.append(Discarded(agent, _("trop loin (%(km).0f km)") % {"km": km}))
            continue
        agent_levels = levels[agent.pk]
        key = tuple(agent_levels.get(code, 0) for code in request.skills)
        if key not in skill_results:
            skill_results[key] = skill_match(request.skills, agent_levels)
        skills, skill_reason = skill_results[key]
        load = peak_load(spans[agent.pk], today, today + timedelta(days=1))
        score = (
            WEIGHTS["skills"] * skills
            + WEIGHTS["free"] * float(free / agent.working_hours)
            + WEIGHTS["distance"] * distance
            + WEIGHTS["load"] * (1 - float(load / agent.working_hours))
        )
        reasons = [
            skill_reason,
            free_text % {"free": _hours(free), "total": _hours(agent.working_hours)},
            distance_reason,
            load_text % {"load": _hours(load)},
        ]
        if preference == PreferenceKind.PREFERRED:
            score += PREFERRED_BONUS
            reasons.append(_("agent souhaité par l'organisation"))
        candidates.append(Candidate(agent, round(score, 1), free, load, km, reasons))
    candidates.sort(key=lambda c: (-c.score, c.agent.name, c.agent.pk))
    return candidates, discarded


def _hours(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")
