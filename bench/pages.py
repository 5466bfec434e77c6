"""Scenario `pages` (issue 21): every GET page of every app on the Grand Dole demo, and how the
lists and forms with organisation pickers grow from 1× to 10× and 100× the demo's organisations.

In-process with Django's test client on the production settings (bench/run.py's SERVER_ENV). Each
database (the demo, the demo grown to 10× and 100×) is measured by a child process of its own
(`bench/run.py --scenario pages --pages-worker N`, its database in BENCH_DATABASE_URL), which
writes its figures as JSON; this process writes the report.

Timing: time.process_time() (CPU time of this process) on SQLite, where the view and its SQL run
in this process and the other work of a busy machine does not count; time.perf_counter() (wall)
on PostgreSQL, where the SQL runs in the server. Both are recorded; the report says which it ranks by.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.db import close_old_connections, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

FACTORS = (1, 10, 100)
USERS = {
    "coordination": "coordination@mutualis.example",
    "secretary": "secretaire.jouhe@mutualis.example",
}
HOST = "127.0.0.1"  # the production settings' ALLOWED_HOSTS
PREFERRED_COMMUNE = "39270"  # Jouhe, the secretary's commune: the organisation shown on pages that take one
CANDIDATES = 3  # rows tried per URL until one answers 200
FLOORS = {"core:health": "`/sante/` logged in", "bench:empty_base": "empty page extending base.html"}

# The lists and forms of the growth report (coordination): the issue's, then every other GET page
# found with an organisation picker (a filter or a choice of organisations).
GROWTH = [
    "portal:home",
    "territory:organisation_list",
    "equipment:catalogue",
    "agreements:convention_create",
    "billing:charge_list",
    "agreements:convention_list",
    "agreements:adhesions:list",
    "agreements:adhesions:request",
    "billing:charge_create",
    "helpdesk:request_list",
    "grants:application_list",
    "facilities:facility_list",
    "facilities:due_list",
    "workshops:session_list",
    "surveys:survey_create",
    "replacement:agent_create",
    "purchasing:member_list",
    "purchasing:member_join",
    "digital:user_add",
]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pages-rounds", type=int, default=15, help="pages scenario: interleaved rounds")
    parser.add_argument("--pages-rounds-100", type=int, default=5, help="pages scenario: rounds at 100× (slow pages)")
    parser.add_argument("--pages-factors", default=",".join(map(str, FACTORS)), help="pages scenario: growth factors")
    parser.add_argument("--pages-worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--pages-output", help=argparse.SUPPRESS)


# --- Measuring (in the worker) -------------------------------------------------------------------


@dataclass
class Sample:
    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)


@dataclass
class PageResult:
    name: str
    path: str
    queries: int
    size: int
    html: bool
    median_cpu: float
    p95_cpu: float
    median_wall: float
    p95_wall: float


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def timed_get(client: Client, path: str, sample: Sample) -> None:
    cpu, wall = time.process_time(), time.perf_counter()
    body_of(client.get(path))
    sample.cpu.append((time.process_time() - cpu) * 1000)
    sample.wall.append((time.perf_counter() - wall) * 1000)
    # The WSGI handler closes the connection after each request when CONN_MAX_AGE says so; the
    # test client does not. Outside the timing: the next request pays the reopening, as in production.
    close_old_connections()


def routes() -> list[tuple[str, set[str], type | None]]:
    """Every named URL pattern of the (bench) urlconf: name, its arguments, the model its pk reads."""

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(
                    pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                )
            elif isinstance(pattern, URLPattern) and pattern.name:
                arguments = set(pattern.pattern.converters) | set(pattern.pattern.regex.groupindex)
                yield namespace + pattern.name, arguments, getattr(pattern.callback, "required_model", None)

    return list(walk(get_resolver().url_patterns))


def candidate_kwargs(arguments: set[str], model, user, territory) -> list[dict] | str:
    """Arguments to try for one route as one user, or why the route is left out."""
    from mutualis.workshops.models import Session

    if not arguments:
        return [{}]
    if arguments == {"pk"} and model is not None:
        rows = model.objects.visible_to(user) if hasattr(model.objects, "visible_to") else model.objects.all()
        pks = list(rows.order_by("pk").values_list("pk", flat=True)[:CANDIDATES])
        if model._meta.label == "territory.Organisation":
            preferred = model.objects.filter(territory=territory, insee_code=PREFERRED_COMMUNE).values_list(
                "pk", flat=True
            )
            pks = [*preferred, *pks]
        return [{"pk": pk} for pk in pks] or f"no {model.__name__} visible to the user"
    if arguments <= {"siren", "number"}:
        kwargs = {"siren": territory.siren}
        if "number" in arguments:
            session = Session.objects.public(territory).order_by("pk").first()
            if session is None:
                return "no public workshop session"
            kwargs["number"] = session.pk
        return [kwargs]
    return "its link carries a secret token (invitation, password, registration, answer, calendar)"


def resolve_pages(client: Client, user, territory, names: list[str] | None = None) -> tuple[dict, dict]:
    """{route name: path answering 200} for this user, and {route name: why not measured}."""
    pages, left_out = {}, {}
    for name, arguments, model in routes():
        if names is not None and name not in names:
            continue
        candidates = candidate_kwargs(arguments, model, user, territory)
        if isinstance(candidates, str):
            left_out[name] = candidates
            continue
        statuses = []
        for kwargs in candidates:
            path = reverse(name, kwargs=kwargs)
            response = client.get(path)
            body_of(response)
            close_old_connections()
            statuses.append(response.status_code)
            if response.status_code == 200:
                pages[name] = path
                break
        else:
            left_out[name] = f"HTTP {statuses[0]}"
    return pages, left_out


def measure(clients: dict[str, Client], pages: dict[str, dict[str, str]], rounds: int) -> dict:
    """Interleaved rounds: each round requests, for each user, the anonymous /sante/ then every page
    once (in a shuffled order), so the machine's noise spreads over all pages alike."""
    anonymous = Client(HTTP_HOST=HOST)
    health = reverse("core:health")
    baseline = Sample()
    samples = {user: {name: Sample() for name in user_pages} for user, user_pages in pages.items()}
    facts = {}
    for user, user_pages in pages.items():  # queries and size, outside the timed rounds
        for name, path in user_pages.items():
            with CaptureQueriesContext(connection) as queries:
                response = clients[user].get(path)
                size = len(body_of(response))
            close_old_connections()
            content_type = response.get("Content-Type", "")
            facts[user, name] = (len(queries), size, content_type.startswith("text/html"))
    shuffle = random.Random(21)
    for _round in range(rounds):
        for user, user_pages in pages.items():
            timed_get(anonymous, health, baseline)
            names = list(user_pages)
            shuffle.shuffle(names)
            for name in names:
                timed_get(clients[user], user_pages[name], samples[user][name])
    results = {}
    for user, user_samples in samples.items():
        results[user] = [
            asdict(
                PageResult(
                    name=name,
                    path=pages[user][name],
                    queries=facts[user, name][0],
                    size=facts[user, name][1],
                    html=facts[user, name][2],
                    median_cpu=statistics.median(sample.cpu),
                    p95_cpu=percentile(sample.cpu, 0.95),
                    median_wall=statistics.median(sample.wall),
                    p95_wall=percentile(sample.wall, 0.95),
                )
            )
            for name, sample in user_samples.items()
        ]
    return {
        "baseline": {"median_cpu": statistics.median(baseline.cpu), "median_wall": statistics.median(baseline.wall)},
        "pages": results,
    }


def worker(args: argparse.Namespace) -> None:
    """Measure one database (the demo grown to args.pages_worker×) and write the figures as JSON."""
    from bench import pages_data
    from mutualis.accounts.models import User

    factor = args.pages_worker
    # Trying every route logs each 403 and 405 with its traceback; errors (500) still show.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # the bilan's duplicate anchors, on each PDF
    with override_settings(ROOT_URLCONF="bench.pages_urls"):
        started = time.monotonic()
        territory, how = pages_data.ensure_factor(factor, demo_file(1))
        prepared = time.monotonic() - started
        clients, pages, left_out = {}, {}, {}
        users = USERS if factor == 1 else {"coordination": USERS["coordination"]}
        for key, email in users.items():
            user = User.objects.get(email=email)
            clients[key] = Client(HTTP_HOST=HOST, raise_request_exception=False)
            clients[key].force_login(user)
            names = None if factor == 1 else GROWTH
            pages[key], left_out[key] = resolve_pages(clients[key], user, territory, names)
        rounds = args.pages_rounds_100 if factor >= 100 and args.pages_rounds_100 else args.pages_rounds
        started = time.monotonic()
        figures = measure(clients, pages, rounds)
        figures.update(
            factor=factor,
            rounds=rounds,
            database=how,
            prepared_s=prepared,
            measured_s=time.monotonic() - started,
            counts=pages_data.counts(territory),
            left_out=left_out,
        )
    Path(args.pages_output).write_text(json.dumps(figures, indent=1))


# --- Orchestrating and reporting (in the parent) -------------------------------------------------


def demo_file(factor: int) -> Path | None:
    """The SQLite file of one factor; None on PostgreSQL."""
    from bench.run import SQLITE_PATH

    return None if on_postgresql() else SQLITE_PATH.parent / f"pages-{factor}x.sqlite3"


def on_postgresql() -> bool:
    return os.environ.get("BENCH_DATABASE_URL", "sqlite").startswith("postgres")


def database_url(factor: int) -> str:
    """SQLite: a file per factor under var/bench/. PostgreSQL: a database per factor beside
    BENCH_DATABASE_URL's, named <its name>_pages_<factor>x (created if missing: the role needs CREATEDB)."""
    if not on_postgresql():
        return f"sqlite:///{demo_file(factor)}"
    parts = urlsplit(os.environ["BENCH_DATABASE_URL"])
    name = f"{parts.path.lstrip('/')}_pages_{factor}x"
    create_postgresql_database(name)
    return urlunsplit(parts._replace(path=f"/{name}"))


def create_postgresql_database(name: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')


def run_worker(root: Path, factor: int, args: argparse.Namespace, output: Path) -> dict:
    command = [sys.executable, str(root / "bench" / "run.py"), "--scenario", "pages", "--pages-worker", str(factor)]
    command += ["--pages-output", str(output), "--pages-rounds", str(args.pages_rounds)]
    if args.pages_rounds_100:
        command += ["--pages-rounds-100", str(args.pages_rounds_100)]
    env = {**os.environ, "BENCH_DATABASE_URL": database_url(factor)}
    subprocess.run(command, cwd=root, env=env, check=True)
    return json.loads(output.read_text())


def ratio(value: float, baseline: float) -> float:
    return value / baseline if baseline else float("nan")


def page_table(rows: list[dict], baseline: float, timer: str) -> list[str]:
    """One user's pages, worst ratio to the anonymous /sante/ first."""
    lines = [
        "| page | path | median ms | p95 ms | wall median ms | queries | KB | ratio to `/sante/` |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in sorted(rows, key=lambda row: row[f"median_{timer}"], reverse=True):
        label = f"**{row['name']}** (floor)" if row["name"] in FLOORS else row["name"]
        lines.append(
            f"| {label} | `{row['path']}` | {row[f'median_{timer}']:.1f} | {row[f'p95_{timer}']:.1f} "
            f"| {row['median_wall']:.1f} | {row['queries']} | {row['size'] / 1024:.1f} "
            f"| {ratio(row[f'median_{timer}'], baseline):.1f} |"
        )
    return lines


def summary(rows: list[dict], baseline: float, timer: str) -> list[str]:
    by_name = {row["name"]: row for row in rows}
    html = [row[f"median_{timer}"] for row in rows if row["html"] and row["name"] not in FLOORS]
    lines = []
    if html:
        lines.append(
            f"median HTML page: {statistics.median(html):.1f} ms, ratio {ratio(statistics.median(html), baseline):.1f} "
            f"(target ≤ 8) over {len(html)} HTML pages"
        )
    targets = {"core:health": "≤ 2.5", "bench:empty_base": "≤ 4", "portal:home": "≤ 12 for the coordination"}
    for name, target in targets.items():
        if name in by_name:
            row = by_name[name]
            label = FLOORS.get(name, "home")
            lines.append(
                f"{label}: {row[f'median_{timer}']:.1f} ms, ratio {ratio(row[f'median_{timer}'], baseline):.1f} "
                f"(target {target}), {row['queries']} queries"
            )
    return lines


def growth_table(runs: dict[int, dict], timer: str) -> list[str]:
    factors = sorted(runs)
    rows = {factor: {row["name"]: row for row in runs[factor]["pages"]["coordination"]} for factor in factors}
    first, last = factors[0], factors[-1]
    head = " | ".join(f"{factor}× ms" for factor in factors)
    lines = [
        f"| page | {head} | {last}×/{first}× (target ≤ 1.5) | queries {' / '.join(f'{f}×' for f in factors)} "
        f"| KB {first}× / {last}× |",
        "|---|" + "---:|" * (len(factors) + 3),
    ]
    for name in GROWTH:
        if not all(name in rows[factor] for factor in factors):
            missing = [f"{factor}×" for factor in factors if name not in rows[factor]]
            lines.append(f"| {name} | not measured at {', '.join(missing)} |" + " |" * (len(factors) + 2))
            continue
        times = [rows[factor][name][f"median_{timer}"] for factor in factors]
        growth = times[-1] / times[0]
        lines.append(
            f"| {name} | {' | '.join(f'{value:.1f}' for value in times)} | "
            f"{'**' if growth > 1.5 else ''}{growth:.2f}{'**' if growth > 1.5 else ''} | "
            f"{' / '.join(str(rows[factor][name]['queries']) for factor in factors)} | "
            f"{rows[first][name]['size'] / 1024:.0f} / {rows[last][name]['size'] / 1024:.0f} |"
        )
    return lines


def left_out_lines(left_out: dict[str, str]) -> list[str]:
    """Routes not measured, grouped by reason (the actions answer 405 to a GET)."""
    reasons: dict[str, list[str]] = {}
    for name, reason in left_out.items():
        reasons.setdefault(reason, []).append(name)
    return [f"- {reason} ({len(names)}): {', '.join(sorted(names))}" for reason, names in sorted(reasons.items())]


def report(*, facts: list[str], runs: dict[int, dict], timer: str) -> str:
    demo = runs[1]
    baseline = demo["baseline"][f"median_{timer}"]
    lines = [f"# Mutualis benchmark, pages scenario, {date.today().isoformat()}, {connection.vendor}", ""]
    lines += [f"- {fact}" for fact in facts]
    lines += ["", "## Summary (ratios to the anonymous `/sante/` in the same rounds)", ""]
    for user, rows in demo["pages"].items():
        lines.append(f"- **{user}** ({USERS[user]}):")
        lines += [f"  - {line}" for line in summary(rows, baseline, timer)]
    if len(runs) > 1:
        first, last = min(runs), max(runs)
        growths = []
        rows = {factor: {row["name"]: row for row in runs[factor]["pages"]["coordination"]} for factor in (first, last)}
        for name in GROWTH:
            if name in rows[first] and name in rows[last]:
                growths.append((rows[last][name][f"median_{timer}"] / rows[first][name][f"median_{timer}"], name))
        over = [f"{name} {value:.1f}" for value, name in sorted(growths, reverse=True) if value > 1.5]
        lines.append(
            f"- **growth {last}×/{first}×** (target ≤ 1.5): {len(over)} of {len(growths)} pages over the target"
            + (f": {', '.join(over)}" if over else "")
        )
    lines += [
        "",
        f"## Per page, Grand Dole demo (1×), {demo['rounds']} rounds",
        "",
        f"Anonymous `/sante/`: median {demo['baseline']['median_cpu']:.2f} ms CPU, "
        f"{demo['baseline']['median_wall']:.2f} ms wall. Median and p95 columns: {TIMER_LABEL[timer]}; sorted by "
        "ratio, worst first. Floors in bold.",
    ]
    for user, rows in demo["pages"].items():
        lines += ["", f"### {user} ({USERS[user]}): {len(rows)} pages answering 200", ""]
        lines += page_table(rows, baseline, timer)
        lines += ["", "Not measured:", *left_out_lines(demo["left_out"][user])]
    if len(runs) > 1:
        lines += ["", "## Growth: lists and forms with organisation pickers, as the coordination", ""]
        lines += ["The 1× figures are the per-page report's; each other factor is measured on its own database.", ""]
        for factor, run in sorted(runs.items()):
            counts = ", ".join(f"{value:,} {key}" for key, value in run["counts"].items())
            lines.append(
                f"- {factor}×: {counts}; {run['rounds']} rounds; anonymous `/sante/` "
                f"{run['baseline'][f'median_{timer}']:.2f} ms; database {run['database']}"
            )
        lines += ["", *growth_table(runs, timer)]
    return "\n".join(lines) + "\n"


TIMER_LABEL = {
    "cpu": "CPU time of the process (time.process_time) around client.get and the reading of the body",
    "wall": "wall time (time.perf_counter) around client.get and the reading of the body",
}


def main(root: Path, args: argparse.Namespace) -> None:
    from bench import suite

    if args.pages_worker:
        worker(args)
        return
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)  # the pages render with the manifest storage
    machine = suite.machine()  # its load average, before the work starts
    factors = sorted(int(factor) for factor in args.pages_factors.split(","))
    if factors[0] != 1:
        sys.exit("--pages-factors must start with 1: the per-page report and the growth ratios use the demo.")
    timer = "cpu" if connection.vendor == "sqlite" else "wall"
    output_dir = root / "var" / "bench"
    output_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    runs = {}
    for factor in factors:
        runs[factor] = run_worker(root, factor, args, output_dir / f"pages-{factor}x-{connection.vendor}.json")
        run = runs[factor]
        print(
            f"{factor}×: database {run['database']} in {run['prepared_s']:.0f} s, measured in {run['measured_s']:.0f} s"
        )
    facts = [
        f"Machine: {machine}; load average at the end {suite.load_average()}",
        f"Code: {suite.code_version(root)}",
        "Measured in-process with Django's test client on the production settings (DEBUG=0), "
        f"{'SQLite' if connection.vendor == 'sqlite' else 'PostgreSQL'}, one database per factor; after each "
        "request the connection is closed or kept as the WSGI handler does, with CONN_MAX_AGE="
        f"{connection.settings_dict['CONN_MAX_AGE']}",
        f"Timer: {TIMER_LABEL[timer]}; queries (CaptureQueriesContext) and size from one request before the rounds",
        f"Rounds: {args.pages_rounds}"
        + (f", {args.pages_rounds_100} at 100× and beyond" if args.pages_rounds_100 and factors[-1] >= 100 else "")
        + f"; whole run {time.monotonic() - started:.0f} s",
    ]
    text = report(facts=facts, runs=runs, timer=timer)
    path = root / "bench" / "results" / f"{date.today().isoformat()}-pages-{connection.vendor}.md"
    path.write_text(text)
    print(text)
