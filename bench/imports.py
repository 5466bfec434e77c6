"""Scenario `imports`: hostile spreadsheets posted to the equipment import page by a mayor
(issue 12): 100,000 identical rows in XLSX and ODS, a CSV at the 5,000-row cap, a CSV of
106,000 rows. In-process through Django's test client on the production settings: median and
max over N runs, and the size of the answer. The budget is gunicorn's default 30 s timeout.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.test import Client

from bench import suite
from mutualis.equipment.tests.test_import_limits import csv_file, ods_file, upload, xlsx_file
from mutualis.territory.models import Membership, Organisation, OrganisationKind, Role, Territory
from mutualis.territory.tests.factories import UserFactory

SIREN = "299999012"  # a territory of its own, beside whatever else the database holds


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--imports-runs", type=int, default=5, help="imports scenario: timed runs per file")


def mayor() -> tuple[object, Organisation]:
    territory, _created = Territory.objects.get_or_create(
        siren=SIREN, defaults={"name": "Bench imports", "short_name": "Bench I"}
    )
    commune, _created = Organisation.objects.get_or_create(
        territory=territory, name="Commune bench", defaults={"kind": OrganisationKind.COMMUNE}
    )
    user = UserFactory(email="maire.bench-imports@mutualis.example")
    Membership.objects.get_or_create(user=user, organisation=commune, role=Role.ORG_MANAGER)
    return user, commune


def main(root: Path, args: argparse.Namespace) -> None:
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # the pages render with the manifest storage
    user, commune = mayor()
    client = Client(HTTP_HOST="127.0.0.1")  # the production settings' ALLOWED_HOSTS
    client.force_login(user)
    files = {
        "XLSX, 100,000 identical rows": ("materiel.xlsx", xlsx_file()),
        "ODS, 100,000 identical rows": ("materiel.ods", ods_file()),
        "CSV, 5,000 identical rows (the cap)": ("materiel.csv", csv_file(5_000)),
        "CSV, 106,000 rows": ("materiel.csv", csv_file(106_000)),
    }
    rows = []
    for label, (name, content) in files.items():
        times, size = [], 0
        for _run in range(args.imports_runs):
            begin = time.perf_counter()
            response = upload(client, commune, name, content)
            times.append(time.perf_counter() - begin)
            assert response.status_code == 200, f"{label}: {response.status_code}"
            size = len(response.content)
        rows.append(
            f"| {label} | {len(content) / 1024:,.0f} | {statistics.median(times):.2f} | {max(times):.2f} | "
            f"{size / 1024:,.0f} |"
        )
    vendor = connection.vendor
    lines = [
        f"# Mutualis benchmark, imports scenario, {date.today().isoformat()}, {vendor}",
        "",
        f"- Machine: {suite.machine()}",
        f"- Code: {suite.code_version(root)}",
        f"- Measured: a mayor posts each file to the equipment import page, {args.imports_runs} runs each, "
        "in-process (Django test client, production settings); budget: gunicorn's 30 s timeout",
        "",
        "| file | size KB | median s | max s | answer KB |",
        "|---|---:|---:|---:|---:|",
        *rows,
    ]
    text = "\n".join(lines) + "\n"
    path = root / "bench" / "results" / f"{date.today().isoformat()}-imports-{vendor}.md"
    path.write_text(text)
    print(text)
