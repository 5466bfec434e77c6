"""Scenario `replacement`: ranking the candidates of one replacement request in a territory with
500 agents and 5,000 active missions. Runs the matching in-process (no server): median and p95
over N runs, and the number of queries of one run.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench import suite
from mutualis.accounts.models import User
from mutualis.replacement.matching import rank_candidates
from mutualis.replacement.models import Agent, AgentSkill, Assignment, Request, Skill, Unavailability
from mutualis.territory.models import Organisation, OrganisationKind, Sector, Territory

SIREN = "299999006"  # a territory of its own, beside whatever else the database holds
DATA_VERSION = "Bench R 2"  # stored as the territory's short name: another version reloads
COMMUNES = 60
SECTORS = 6
CENTRE = (47.09, 5.49)  # Dole


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--replacement-agents", type=int, default=500, help="replacement scenario: agents")
    parser.add_argument("--replacement-missions", type=int, default=5_000, help="replacement scenario: missions")
    parser.add_argument("--replacement-runs", type=int, default=30, help="replacement scenario: timed runs")


@transaction.atomic
def load(agents: int, missions: int) -> Territory:
    """The territory, its communes (with coordinates), agents with skills, a few leaves and the
    active missions, by bulk_create; replaced when the counts differ."""
    rng = random.Random(6)
    today = timezone.localdate()
    territory, _created = Territory.objects.get_or_create(
        siren=SIREN, defaults={"name": "Bench remplacement", "short_name": DATA_VERSION}
    )
    if (
        territory.short_name == DATA_VERSION
        and Agent.objects.filter(territory=territory).count() == agents
        and Assignment.objects.filter(territory=territory).count() == missions
    ):
        return territory
    Assignment.objects.filter(territory=territory).delete()
    Request.objects.filter(territory=territory).delete()
    Agent.objects.filter(territory=territory).delete()
    Organisation.objects.filter(territory=territory).delete()
    Sector.objects.filter(territory=territory).delete()
    Territory.objects.filter(pk=territory.pk).update(short_name=DATA_VERSION)
    sectors = Sector.objects.bulk_create(Sector(territory=territory, name=f"Secteur {n}") for n in range(SECTORS))
    Organisation.objects.create(territory=territory, kind=OrganisationKind.EPCI, name="EPCI bench")
    communes = Organisation.objects.bulk_create(
        Organisation(
            territory=territory,
            kind=OrganisationKind.COMMUNE,
            name=f"Commune {n}",
            search_name=f"commune {n}",
            population=rng.randint(80, 9000),
            sector=sectors[n % SECTORS],
            latitude=Decimal(f"{CENTRE[0] + rng.uniform(-0.25, 0.25):.5f}"),
            longitude=Decimal(f"{CENTRE[1] + rng.uniform(-0.35, 0.35):.5f}"),
        )
        for n in range(COMMUNES)
    )
    pool = Agent.objects.bulk_create(
        Agent(
            territory=territory,
            name=f"Agent {n:03d}",
            home=rng.choice(communes),
            working_hours=Decimal("35"),
            max_km=rng.choice([20, 30, 50]),
        )  # fmt: skip
        for n in range(agents)
    )
    AgentSkill.objects.bulk_create(
        AgentSkill(agent=agent, skill=skill, level=rng.randint(1, 3))
        for agent in pool
        for skill in rng.sample(Skill.values, 3)
    )
    Unavailability.objects.bulk_create(
        Unavailability(agent=agent, kind="leave", start=today + timedelta(days=20), end=today + timedelta(days=27))
        for agent in pool[::10]
    )
    user, _created = User.objects.get_or_create(email="bench-replacement@example.org")
    requests = Request.objects.bulk_create(
        Request(
            territory=territory,
            organisation=rng.choice(communes),
            motive="sick_leave",
            start=today,
            end=today + timedelta(days=90),
            weekdays=[0, 1],
            weekly_hours=Decimal("3"),
            status="assigned",
            created_by=user,
        )  # fmt: skip
        for _n in range(missions)
    )
    Assignment.objects.bulk_create(
        Assignment(
            request=request,
            territory=territory,
            organisation_id=request.organisation_id,
            agent=pool[n % len(pool)],
            start=today - timedelta(days=rng.randint(0, 30)),
            end=today + timedelta(days=rng.randint(10, 120)),
            weekly_hours=Decimal(rng.choice(["1", "2", "3", "3.5"])),
            created_by=user,
        )
        for n, request in enumerate(requests)
    )
    return territory


def target_request(territory: Territory) -> Request:
    """The smallest commune asks for état civil and accounting, 7 hours a week for a month from next week."""
    commune = Organisation.objects.filter(territory=territory, kind=OrganisationKind.COMMUNE).order_by("population")[0]
    start = timezone.localdate() + timedelta(days=7)
    return Request(
        territory=territory,
        organisation=commune,
        motive="sick_leave",
        start=start,
        end=start + timedelta(days=28),
        weekdays=[0, 1, 3],
        weekly_hours=Decimal("7"),
        skills=["civil_status", "accounting"],
    )


def main(root: Path, args: argparse.Namespace) -> None:
    machine_used = suite.machine()
    call_command("migrate", interactive=False, verbosity=0)
    started = time.monotonic()
    territory = load(args.replacement_agents, args.replacement_missions)
    loaded = time.monotonic() - started
    request = target_request(territory)
    rank_candidates(request)  # warm-up: translations, content types
    with CaptureQueriesContext(connection) as queries:
        candidates, discarded = rank_candidates(request)
    times = []
    for _run in range(args.replacement_runs):
        begin = time.perf_counter()
        rank_candidates(request)
        times.append((time.perf_counter() - begin) * 1000)
    median, p95 = statistics.median(times), statistics.quantiles(times, n=20)[-1]
    vendor = connection.vendor
    lines = [
        f"# Mutualis benchmark, replacement scenario, {date.today().isoformat()}, {vendor}",
        "",
        f"- Machine: {machine_used}",
        f"- Code: {suite.code_version(root)}",
        f"- Data: one territory, {COMMUNES} communes with coordinates, {args.replacement_agents} agents with "
        f"3 skills each, a week of leave for one agent in ten, {args.replacement_missions:,} active missions "
        f"(loaded or checked in {loaded:.0f} s)",
        "- Measured: `rank_candidates` for one request (3 days, 7 h a week, two skills, four weeks), "
        f"in-process, {args.replacement_runs} runs after a warm-up",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| median ms | {median:.1f} |",
        f"| p95 ms | {p95:.1f} |",
        f"| queries per run | {len(queries)} |",
        f"| candidates ranked | {len(candidates)} |",
        f"| agents left out | {len(discarded)} |",
    ]
    text = "\n".join(lines) + "\n"
    path = root / "bench" / "results" / f"{date.today().isoformat()}-replacement-{vendor}.md"
    path.write_text(text)
    print(text)
