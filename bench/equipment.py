"""Scenario `equipment`: the catalogue searched with an availability filter, 100,000 items and
2,000,000 loans on PostgreSQL. Measures the page under load (wrk), its server time in-process,
and the plan of its heaviest query (EXPLAIN ANALYZE): the loans must be reached through an index.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from django.core.management import call_command
from django.db import connection, connections
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bench import equipment_load, harness, load, suite
from mutualis.territory.models import Membership, Role, Territory

SEARCH = "tondeuse"
FREE_IN_DAYS = (14, 20)  # "libre du … au …" (last day included), counted from today
SERVER_TIME_RUNS = 50


def pages_for(territory: Territory) -> list[suite.Page]:
    first, last = (timezone.localdate() + timedelta(days=days) for days in FREE_IN_DAYS)
    free = f"&free_from={first.isoformat()}&free_to={last.isoformat()}"
    return [
        suite.Page("health", "Trivial view `/sante/`, anonymous (baseline)", "core:health", logged_in=False),
        suite.Page("catalogue", "Catalogue, first page", "equipment:catalogue"),
        suite.Page("catalogue-search", f"Catalogue, `?q={SEARCH}`", "equipment:catalogue", query=f"?q={SEARCH}"),
        suite.Page(
            "catalogue-free",
            f"Catalogue, `?q={SEARCH}`, free {first:%d/%m} to {last:%d/%m}",
            "equipment:catalogue",
            query=f"?q={SEARCH}{free}",
        ),
    ]


def prepare_equipment(wanted: equipment_load.Counts, rebuild: bool) -> str:
    if equipment_load.current_counts() == wanted and not rebuild:
        print("Reusing the loaded equipment (--rebuild loads it again).")
        return "reused from an earlier run"
    print(f"Loading {wanted.items:,} items and {wanted.loans:,} loans…")
    started = time.monotonic()
    equipment_load.load_equipment(wanted)
    seconds = time.monotonic() - started
    print(f"Loaded the equipment in {seconds:.0f} s.")
    return f"loaded in {seconds:.0f} s with COPY, then ANALYZE"


def pick_target() -> tuple[Territory, Membership, int]:
    """The territory with the most items, its coordinator's membership and its item count."""
    territory = Territory.objects.annotate(items=Count("equipment_items")).order_by("-items").first()
    coordinator = Membership.objects.select_related("user").get(
        organisation__territory=territory, role=Role.COORDINATOR
    )
    return territory, coordinator, territory.items


def server_times(page: suite.Page, user) -> dict:
    """The view in-process, without network or queueing: median and p95 of the whole request and
    of its SQL over SERVER_TIME_RUNS requests, and the queries of the last one."""
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    client.get(page.path)
    totals, sql = [], []
    for _run in range(SERVER_TIME_RUNS):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.path)
        totals.append((time.perf_counter() - started) * 1000)
        sql.append(sum(float(query["time"]) for query in queries) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{page.path} answers HTTP {response.status_code} in the test client.")
    return {"total": percentiles(totals), "sql": percentiles(sql), "queries": list(queries)}


def percentiles(figures: list[float]) -> tuple[float, float]:
    return statistics.median(figures), statistics.quantiles(figures, n=20)[-1]


def explain(queries: list[dict]) -> list[dict]:
    """EXPLAIN (ANALYZE, BUFFERS) of each query that reads the items, slowest first."""
    plans = []
    with connection.cursor() as cursor:
        for query in queries:
            if "equipment_item" not in query["sql"] or not query["sql"].startswith("SELECT"):
                continue
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {query['sql']}")
            tree = cursor.fetchone()[0]
            tree = json.loads(tree) if isinstance(tree, str) else tree
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query['sql']}")
            text = "\n".join(row[0] for row in cursor.fetchall())
            loans = [n for n in plan_nodes(tree[0]["Plan"]) if n.get("Relation Name") == "equipment_loan"]
            plans.append(
                {
                    "sql": query["sql"],
                    "ms": tree[0]["Execution Time"],
                    "text": text,
                    "loan_indexes": sorted({node["Index Name"] for node in loans if "Index Name" in node}),
                    "loan_seq_scan": any(node["Node Type"] == "Seq Scan" for node in loans),
                }
            )
    return sorted(plans, key=lambda plan: -plan["ms"])


def plan_nodes(node: dict):
    yield node
    for child in node.get("Plans", []):
        yield from plan_nodes(child)


def report(*, title: str, facts: list[str], pages, measures, queries, times, plans) -> str:
    baseline = measures.get("health")
    lines = [f"# {title}", "", *(f"- {fact}" for fact in facts), "", "## Under load (wrk)", ""]
    lines += ["| page | median ms | p95 ms | req/s | ratio to trivial | queries |", "|---|---:|---:|---:|---:|---:|"]
    for page in pages:
        measure = measures[page.key]
        ratio = f"{measure.requests_per_second / baseline.requests_per_second:.2f}" if baseline else "–"
        lines.append(
            f"| {page.label} | {measure.median_ms:.1f} | {measure.p95_ms:.1f} | {measure.requests_per_second:.0f} "
            f"| {ratio} | {queries[page.key]} |"
        )
    lines += ["", f"## Server time, in-process ({SERVER_TIME_RUNS} requests, no network, no queueing)", ""]
    lines += ["| page | median ms | p95 ms | SQL median ms | SQL p95 ms |", "|---|---:|---:|---:|---:|"]
    for page in pages:
        if page.key in times:
            (total, total95), (sql, sql95) = times[page.key]["total"], times[page.key]["sql"]
            lines.append(f"| {page.label} | {total:.1f} | {total95:.1f} | {sql:.1f} | {sql95:.1f} |")
    for key, page_plans in plans.items():
        label = next(page.label for page in pages if page.key == key)
        lines += ["", f"## Plans: {label}", ""]
        lines += ["| query | execution ms | index on equipment_loan | Seq Scan on equipment_loan |"]
        lines += ["|---|---:|---|---|"]
        for number, plan in enumerate(page_plans, 1):
            indexes = ", ".join(f"`{name}`" for name in plan["loan_indexes"]) or "none (no loan read)"
            seq_scan = "**yes**" if plan["loan_seq_scan"] else "no"
            lines.append(f"| {number} | {plan['ms']:.1f} | {indexes} | {seq_scan} |")
        heaviest = page_plans[0]
        lines += ["", "The heaviest query:", "", "```sql", heaviest["sql"], "```", "", "```", heaviest["text"], "```"]
    return "\n".join(lines) + "\n"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--items", type=int, default=100_000, help="equipment scenario: items to load")
    parser.add_argument("--loans", type=int, default=2_000_000, help="equipment scenario: loans to load")


def main(root: Path, args: argparse.Namespace) -> None:
    if connection.vendor != "postgresql":
        sys.exit("The equipment scenario needs PostgreSQL: set BENCH_DATABASE_URL (see bench/README.md).")
    suite.require_wrk()
    machine_used = suite.machine()
    loaded = suite.prepare_database(args.rebuild)
    equipment = prepare_equipment(equipment_load.Counts(args.items, args.loans), args.rebuild)
    call_command("collectstatic", interactive=False, verbosity=0)
    territory, coordinator, item_count = pick_target()
    pages = [page for page in pages_for(territory) if not args.pages or page.key in args.pages.split(",")]
    queries = suite.count_queries(pages, coordinator.user)
    times = {page.key: server_times(page, coordinator.user) for page in pages if page.key.startswith("catalogue")}
    plans = {key: explain(found["queries"]) for key, found in times.items() if key != "catalogue"}
    counts = {**load.current_counts(), **vars(equipment_load.current_counts())}
    facts = [
        f"Machine: {machine_used}",
        f"Code: {suite.code_version(root)}",
        f"Data: {counts['territories']:,} territories, {counts['organisations']:,} organisations, "
        f"{counts['users']:,} users (France: {loaded}); {counts['items']:,} items and {counts['loans']:,} loans "
        f"with as many accepted requests (equipment: {equipment})",
        f"Logged in through the real login form as the coordinator of {territory.name} "
        f"({item_count:,} items, the territory with the most)",
    ]
    login_path = reverse("accounts:login")
    connections.close_all()

    params = harness.Load(args.threads, args.connections, args.duration, args.warmup)
    stem = root / "bench" / "results" / f"{date.today().isoformat()}-equipment-postgresql"
    port = harness.free_port()
    base = f"http://127.0.0.1:{port}"
    measures = {}
    with stem.with_suffix(".log").open("w") as log, harness.gunicorn(root, port, suite.GUNICORN_WORKERS, log):
        cookie = harness.log_in(base, login_path, coordinator.user.email, load.PASSWORD)
        for page in pages:
            page_cookie = cookie if page.logged_in else None
            harness.check_page(base + page.path, page_cookie)
            measures[page.key] = harness.run_wrk(base + page.path, page_cookie, params, log)
            print(f"{page.label}: {measures[page.key]}")
    facts += [
        f"Server: gunicorn {suite.GUNICORN_WORKERS} sync workers, DEBUG=0, on the same machine as wrk",
        f"Load per page: wrk -t{args.threads} -c{args.connections} -d{args.duration}s after a {args.warmup} s "
        "warm-up, with the coordinator's session cookie (the baseline anonymous)",
        "Queries and plans: the Django test client on the same database; each query of the page that reads "
        "the items is run again under EXPLAIN (ANALYZE, BUFFERS)",
    ]
    text = report(
        title=f"Mutualis benchmark, equipment scenario, {date.today().isoformat()}, postgresql",
        facts=facts,
        pages=pages,
        measures=measures,
        queries=queries,
        times=times,
        plans=plans,
    )
    stem.with_suffix(".md").write_text(text)
    print(text)
