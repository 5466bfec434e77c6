"""Scenario `purchasing`: consolidating one census of 1,000 members × 200 lots (one article a
lot, 200,000 needs). Runs the consolidation in-process (no server): median and p95 over N
runs, and the number of queries of one run.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from bench import suite
from mutualis.agreements.models import Adhesion, Instrument
from mutualis.purchasing.consolidation import consolidate
from mutualis.purchasing.models import Article, Consultation, ConsultationStatus, Lot, Need
from mutualis.territory.models import Organisation, OrganisationKind, Service, Territory

SIREN = "299999004"  # a territory of its own, beside whatever else the database holds
TITLE = "Bench consolidation"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--purchasing-members", type=int, default=1_000, help="purchasing scenario: members")
    parser.add_argument("--purchasing-lots", type=int, default=200, help="purchasing scenario: lots (one article each)")
    parser.add_argument("--purchasing-runs", type=int, default=10, help="purchasing scenario: timed runs")


@transaction.atomic
def load(members: int, lots: int) -> Consultation:
    """The territory, its members and one census where every member declares every lot, by
    bulk_create; replaced when the counts differ."""
    rng = random.Random(4)
    territory, _created = Territory.objects.get_or_create(
        siren=SIREN, defaults={"name": "Bench achats", "short_name": "Bench A"}
    )
    consultation = Consultation.objects.filter(territory=territory, title=TITLE).first()
    if consultation and Need.objects.filter(consultation=consultation).count() == members * lots:
        return consultation
    Consultation.objects.filter(territory=territory).delete()
    Adhesion.objects.filter(territory=territory).delete()
    Organisation.objects.filter(territory=territory).delete()
    Organisation.objects.create(territory=territory, kind=OrganisationKind.EPCI, name="EPCI bench")
    organisations = Organisation.objects.bulk_create(
        Organisation(
            territory=territory, kind=OrganisationKind.COMMUNE, name=f"Commune {n:04d}", search_name=f"commune {n:04d}"
        )  # fmt: skip
        for n in range(members)
    )
    Adhesion.objects.bulk_create(
        Adhesion(
            territory=territory,
            organisation=o,
            service=Service.PURCHASING,
            instrument=Instrument.JOINT_PURCHASING,
            start=date(2020, 1, 1),
        )
        for o in organisations
    )
    consultation = Consultation.objects.create(
        territory=territory, title=TITLE, domain="Fournitures", cpv_code="30192000",
        target_launch=date(2026, 6, 1), status=ConsultationStatus.CENSUS, census_deadline=date(2026, 5, 1),
    )  # fmt: skip
    created = Lot.objects.bulk_create(
        Lot(consultation=consultation, number=n + 1, title=f"Lot {n + 1}") for n in range(lots)
    )
    articles = Article.objects.bulk_create(Article(lot=lot, name=f"Article {lot.number}", unit="u") for lot in created)
    Need.objects.bulk_create(
        (
            Need(
                consultation=consultation,
                article=article,
                organisation=organisation,
                quantity=Decimal(rng.randint(1, 500)),
                current_unit_price=Decimal(rng.randint(100, 99999)) / 10000 if rng.random() < 0.8 else None,
            )
            for organisation in organisations
            for article in articles
        ),
        batch_size=5_000,
    )
    return consultation


def main(root: Path, args: argparse.Namespace) -> None:
    machine_used = suite.machine()
    call_command("migrate", interactive=False, verbosity=0)
    started = time.monotonic()
    consultation = load(args.purchasing_members, args.purchasing_lots)
    loaded = time.monotonic() - started
    consolidate(consultation)  # warm-up
    with CaptureQueriesContext(connection) as queries:
        result = consolidate(consultation)
    times = []
    for _run in range(args.purchasing_runs):
        begin = time.perf_counter()
        consolidate(consultation)
        times.append((time.perf_counter() - begin) * 1000)
    median, p95 = statistics.median(times), statistics.quantiles(times, n=20)[-1]
    vendor = connection.vendor
    needs = args.purchasing_members * args.purchasing_lots
    lines = [
        f"# Mutualis benchmark, purchasing scenario, {date.today().isoformat()}, {vendor}",
        "",
        f"- Machine: {machine_used}",
        f"- Code: {suite.code_version(root)}",
        f"- Data: one territory, {args.purchasing_members:,} members, one census of {args.purchasing_lots} lots "
        f"(one article each), {needs:,} needs, 80 % with a current price (loaded or checked in {loaded:.0f} s)",
        "- Measured: `consolidate` (quantities per article by member and in total, yearly amount per lot, "
        f"contract value and procedure), in-process, {args.purchasing_runs} runs after a warm-up",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| median ms | {median:.1f} |",
        f"| p95 ms | {p95:.1f} |",
        f"| queries per run | {len(queries)} |",
        f"| members in the table | {len(result.members):,} |",
        f"| yearly amount (€ HT) | {result.yearly_amount:,} |",
    ]
    text = "\n".join(lines) + "\n"
    path = root / "bench" / "results" / f"{date.today().isoformat()}-purchasing-{vendor}.md"
    path.write_text(text)
    print(text)
