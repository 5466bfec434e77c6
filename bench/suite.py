"""The benchmark run, once Django is set up by bench/run.py: load, count queries, serve, measure, report."""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import django
from django.core.management import call_command
from django.db import connection, connections
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench import equipment, harness, imports, load, pages, purchasing, replacement
from mutualis.territory.models import Membership, Organisation, OrganisationKind, Role, Territory

GUNICORN_WORKERS = 2
# Narrower scenarios: each module has add_arguments(parser) and main(root, args).
SCENARIOS = {
    "equipment": equipment,
    "replacement": replacement,
    "purchasing": purchasing,
    "imports": imports,
    "pages": pages,
}


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    url_name: str
    args: tuple = ()
    query: str = ""
    logged_in: bool = True

    @property
    def path(self) -> str:
        return reverse(self.url_name, args=self.args) + self.query


def pages_for(commune: Organisation) -> list[Page]:
    return [
        Page("health", "Trivial view `/sante/`, anonymous (baseline)", "core:health", logged_in=False),
        Page("health-session", "Trivial view `/sante/`, logged in", "core:health"),
        Page("home", "Home of the coordinator (to-do list, requests, news)", "portal:home"),
        Page("organisations", "Organisation list, first page", "territory:organisation_list"),
        Page("search", "Organisation list, `?q=saint`", "territory:organisation_list", query="?q=saint"),
        Page("organisation", f"Organisation page ({commune})", "territory:organisation_detail", args=(commune.pk,)),
        Page("account", f"Account of {commune}, this year", "portal:account", args=(commune.pk,)),
        Page("login", "Login page, anonymous", "accounts:login", logged_in=False),
    ]


def prepare_database(rebuild: bool) -> str:
    """Migrate, then load France unless the database already holds it. Says what was done."""
    if rebuild and connection.vendor == "sqlite":
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{connection.settings_dict['NAME']}{suffix}").unlink(missing_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    communes = load.read_communes()
    counts = load.current_counts()
    if counts == load.expected_counts(communes) and not rebuild:
        print("Reusing the loaded database (--rebuild loads it again).")
        return "reused from an earlier run"
    if any(counts.values()):
        if connection.vendor != "sqlite" and not rebuild:
            sys.exit(f"The database holds other data ({counts}); --rebuild empties it first.")
        call_command("flush", interactive=False, verbosity=0)
    started = time.monotonic()
    load.load_france(communes)
    seconds = time.monotonic() - started
    print(f"Loaded {len(communes):,} communes in {seconds:.0f} s.")
    return f"loaded in {seconds:.0f} s"


def pick_target() -> tuple[Territory, Membership, Organisation]:
    """The territory with the most communes, its coordinator's membership and its most populous commune."""
    communes = Count("organisations", filter=Q(organisations__kind=OrganisationKind.COMMUNE))
    territory = Territory.objects.annotate(communes=communes).order_by("-communes").first()
    coordinator = Membership.objects.select_related("user").get(
        organisation__territory=territory, role=Role.COORDINATOR
    )
    communes = territory.organisations.filter(kind=OrganisationKind.COMMUNE)
    commune = communes.order_by("-population").first()
    return territory, coordinator, commune


def count_queries(pages: list[Page], user) -> dict[str, int]:
    """Queries per page, through the Django test client on the same database (second request: warm caches)."""
    logged_in, anonymous = Client(HTTP_HOST="127.0.0.1"), Client(HTTP_HOST="127.0.0.1")
    logged_in.force_login(user)
    counts = {}
    for page in pages:
        client = logged_in if page.logged_in else anonymous
        client.get(page.path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.path)
        if response.status_code != 200:
            raise RuntimeError(f"{page.path} answers HTTP {response.status_code} in the test client.")
        counts[page.key] = len(queries)
    return counts


def load_average() -> str:
    """Over 1, 5 and 15 minutes: other work on the machine skews the figures."""
    return ", ".join(f"{figure:.1f}" for figure in os.getloadavg())


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), platform.machine())
    if connection.vendor == "sqlite":
        database = f"SQLite {sqlite3.sqlite_version}"
    else:
        version = f"{connection.pg_version // 10000}.{connection.pg_version % 10000}"
        database = f"PostgreSQL {version} on {connection.settings_dict['HOST'] or 'a local socket'}"
    # In-process scenarios (purchasing, imports) run without wrk.
    wrk = (
        subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split(" [")[0]
        if shutil.which("wrk")
        else ""
    )
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}, load average {load_average()} "
        f"at the start; Python {platform.python_version()}, Django {django.get_version()}, {database}"
        + (f", {wrk}" if wrk else "")
    )


def code_version(root: Path) -> str:
    describe = ["git", "-C", str(root), "describe", "--always", "--dirty=, with uncommitted changes"]
    result = subprocess.run(describe, capture_output=True, text=True)
    return f"commit {result.stdout.strip()}" if result.returncode == 0 else "not a git checkout"


def report(*, title: str, facts: list[str], pages: list[Page], measures: dict, queries: dict[str, int]) -> str:
    baseline = measures.get("health")
    lines = [f"# {title}", "", *(f"- {fact}" for fact in facts), ""]
    lines += ["| page | median ms | p95 ms | req/s | ratio to trivial | queries |", "|---|---:|---:|---:|---:|---:|"]
    for page in pages:
        measure = measures[page.key]
        ratio = f"{measure.requests_per_second / baseline.requests_per_second:.2f}" if baseline else "–"
        lines.append(
            f"| {page.label} | {measure.median_ms:.1f} | {measure.p95_ms:.1f} | {measure.requests_per_second:.0f} "
            f"| {ratio} | {queries[page.key]} |"
        )
    errors = {page.label: measures[page.key].errors for page in pages if measures[page.key].errors}
    if errors:
        lines += ["", f"wrk reported errors: {errors}."]
    return "\n".join(lines) + "\n"


def require_wrk() -> None:
    if not shutil.which("wrk"):
        sys.exit("The benchmark needs wrk (Debian: apt-get install wrk).")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Mutualis benchmark: France at scale, gunicorn, wrk.")
    parser.add_argument("--rebuild", action="store_true", help="empty the database and load France again")
    parser.add_argument("--pages", help="comma-separated page keys (see pages_for), default all")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--duration", type=int, default=15, help="measured seconds per page")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured seconds per page, before")
    parser.add_argument("--scenario", choices=["france", *SCENARIOS], default="france", help="see bench/README.md")
    for module in SCENARIOS.values():
        module.add_arguments(parser)
    return parser.parse_args()


def main(root: Path) -> None:
    args = parse_args()
    if args.scenario in SCENARIOS:
        SCENARIOS[args.scenario].main(root, args)
        return
    require_wrk()
    machine_used = machine()  # before loading, so that the load average shows only the machine's other work
    loaded = prepare_database(args.rebuild)
    call_command("collectstatic", interactive=False, verbosity=0)
    territory, coordinator, commune = pick_target()
    pages = [page for page in pages_for(commune) if not args.pages or page.key in args.pages.split(",")]
    queries = count_queries(pages, coordinator.user)
    counts = load.current_counts()
    database = connection.vendor
    facts = [
        f"Machine: {machine_used}",
        f"Code: {code_version(root)}",
        f"Data: {counts['territories']:,} territories, {counts['organisations']:,} organisations, "
        f"{counts['users']:,} users, {counts['memberships']:,} memberships ({loaded})",
        f"Logged in through the real login form as the coordinator of {territory.name} "
        f"({territory.organisations.count()} organisations, the territory with the most communes)",
    ]
    login_path = reverse("accounts:login")
    connections.close_all()

    params = harness.Load(args.threads, args.connections, args.duration, args.warmup)
    stem = root / "bench" / "results" / f"{date.today().isoformat()}-{database}"
    stem.parent.mkdir(exist_ok=True)
    port = harness.free_port()
    base = f"http://127.0.0.1:{port}"
    measures = {}
    with stem.with_suffix(".log").open("w") as log, harness.gunicorn(root, port, GUNICORN_WORKERS, log) as server:
        cookie = harness.log_in(base, login_path, coordinator.user.email, load.PASSWORD)
        for page in pages:
            page_cookie = cookie if page.logged_in else None
            harness.check_page(base + page.path, page_cookie)
            measures[page.key] = harness.run_wrk(base + page.path, page_cookie, params, log)
            print(f"{page.label}: {measures[page.key]}")
        rss = harness.peak_rss_mb(server.pid)
    facts += [
        f"Server: gunicorn {GUNICORN_WORKERS} sync workers, DEBUG=0, on the same machine as wrk; "
        f"peak RSS per worker: {', '.join(f'{mb:.0f} MB' for mb in rss)}",
        f"Load per page: wrk -t{args.threads} -c{args.connections} -d{args.duration}s after a {args.warmup} s "
        "warm-up; pages marked logged in with the coordinator's session cookie",
        "Queries: counted in-process with the Django test client on the same database (second request)",
    ]
    text = report(
        title=f"Mutualis benchmark, {date.today().isoformat()}, {database}",
        facts=facts,
        pages=pages,
        measures=measures,
        queries=queries,
    )
    stem.with_suffix(".md").write_text(text)
    print(text)
