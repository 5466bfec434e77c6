"""Load shared equipment at scale on top of France: items spread over the communes, loans behind them.

PostgreSQL only: rows go in with COPY (no save(), no signals, no history rows), so the derived
columns Item.save() fills (search_name, territory) are computed here. Each loan needs its
accepted Request (a non-null one-to-one), copied the same way with ids chosen here. The
foreign keys and plain indexes of the two big tables are dropped during the copy and put back
after it (one validating join and one sort each, instead of one check per row); the unique and
exclusion constraints stay. ANALYZE ends the load.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection, transaction
from django.utils import timezone

from mutualis.equipment.models import DEFAULT_CATEGORIES, Category, Item, Loan, Request
from mutualis.territory.models import Membership, Organisation, OrganisationKind, search_key

# What communes lend, by category (the index into DEFAULT_CATEGORIES).
ITEM_NAMES = {
    0: ("Tondeuse autoportée", "Broyeur de végétaux", "Taille-haie", "Souffleur", "Débroussailleuse"),
    1: ("Barrières de chantier", "Panneaux de signalisation", "Plaque vibrante", "Remorque", "Cônes de balisage"),
    2: ("Échafaudage roulant", "Nacelle élévatrice", "Bétonnière", "Déshumidificateur", "Groupe électrogène"),
    3: ("Balayeuse", "Nettoyeur haute pression", "Autolaveuse", "Aspirateur à feuilles", "Désherbeur thermique"),
    4: ("Chapiteau", "Podium", "Sonorisation portable", "Tables pliantes", "Grilles d'exposition"),
    5: ("Défibrillateur de prêt", "Vidéoprojecteur", "Minibus", "Chambre froide mobile", "Isoloir"),
}
LOANS_START_DAYS_AGO = (300, 420)  # each item's history starts this many days back, at random
LOAN_DAYS = (1, 7)
GAP_DAYS = (3, 30)  # more than the largest buffer: loans of one item never overlap
BUFFER_DAYS = (0, 2)
SEED = 20261129


@dataclass(frozen=True)
class Counts:
    items: int
    loans: int


def current_counts() -> Counts:
    return Counts(items=Item.objects.count(), loans=Loan.objects.count())


def load_equipment(wanted: Counts) -> None:
    """Empty the equipment tables, then load `wanted` items and loans."""
    rng = random.Random(SEED)
    today = timezone.localdate()
    now = timezone.now().isoformat()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE equipment_loanphoto, equipment_loan, equipment_proposal, equipment_request, "
            "equipment_unavailability, equipment_itemphoto, equipment_item, equipment_category CASCADE"
        )
        category_ids = create_categories()
        communes = list(
            Organisation.objects.filter(kind=OrganisationKind.COMMUNE).values_list("pk", "territory_id", "population")
        )
        rows = item_rows(communes, wanted.items, category_ids, rng, now)
        copy_with_defaults(cursor, "equipment_item", ITEM_COLUMNS, ITEM_DEFAULTS, rows)
        items = list(Item.objects.order_by("pk").values_list("pk", "owner_id", "territory_id", "category_id"))
        with dropped_foreign_keys_and_indexes(cursor, ["equipment_request", "equipment_loan"]):
            copy_requests_and_loans(cursor, items, wanted.loans, rng, today, now)
        cursor.execute("ANALYZE")


def create_categories() -> dict[tuple[int, int], int]:
    """The default categories in every territory that has a commune: {(territory, index): category}."""
    territories = Organisation.objects.filter(kind=OrganisationKind.COMMUNE).values_list("territory_id", flat=True)
    names = [str(name) for name in DEFAULT_CATEGORIES]
    categories = Category.objects.bulk_create(
        [Category(territory_id=territory, name=name) for territory in set(territories) for name in names],
        batch_size=5000,
    )
    return {(category.territory_id, names.index(category.name)): category.pk for category in categories}


def items_per_commune(communes: list[tuple[int, int, int]], total: int) -> list[int]:
    """One item per commune, the rest in proportion to the population (bigger towns own more)."""
    base = min(1, total // len(communes))
    population = sum(commune[2] for commune in communes) or 1
    extra = total - base * len(communes)
    shares = [base + extra * commune[2] // population for commune in communes]
    largest_first = sorted(range(len(communes)), key=lambda index: -communes[index][2])
    for index in largest_first[: total - sum(shares)]:
        shares[index] += 1
    return shares


def item_rows(communes, total: int, category_ids, rng: random.Random, now: str) -> Iterator[tuple]:
    for (owner, territory, _population), count in zip(communes, items_per_commune(communes, total), strict=True):
        for number in range(count):
            kind = rng.randrange(len(ITEM_NAMES))
            name = f"{rng.choice(ITEM_NAMES[kind])} n° {number + 1}"
            fee = rng.choice(("0", "0", "15.00", "40.00"))
            yield (territory, owner, category_ids[territory, kind], name, search_key(name), rng.randint(1, 3), fee, now)


ITEM_COLUMNS = ["territory_id", "owner_id", "category_id", "name", "search_name", "quantity", "daily_fee", "created_at"]
ITEM_DEFAULTS = {
    "description": "",
    "storage_location": "",
    "qualification_kind": "none",
    "qualification": "",
    "operator_provided": "f",
    "deposit": "0",
    "conditions": "",
    "contact_phone": "",
    "contact_email": "",
    "is_lendable": "t",
}


def copy_with_defaults(cursor, table: str, columns: list[str], defaults: dict[str, str], rows: Iterable[tuple]):
    """COPY rows of `columns`, each followed by the same `defaults`."""
    fixed = tuple(defaults.values())
    copy(cursor, table, columns + list(defaults), (row + fixed for row in rows))


REQUEST_COLUMNS = ["id", "territory_id", "borrower_id", "item_id", "owner_id", "category_id", "start", "end",
                   "contact_id", "decided_by_id", "created_by_id", "decided_at", "created_at"]  # fmt: skip
REQUEST_DEFAULTS = {
    "purpose": "Bench",
    "handover": "pickup",
    "qualification_declared": "f",
    "qualification_holder": "",
    "status": "accepted",
    "refusal_reason": "",
}
LOAN_COLUMNS = ["request_id", "territory_id", "item_id", "owner_id", "borrower_id", "start", "end", "blocked_until",
                "status", "checked_out_on", "checked_in_on", "created_at"]  # fmt: skip
LOAN_DEFAULTS = {
    "daily_fee": "0",
    "deposit": "0",
    "checkout_notes": "",
    "checkin_notes": "",
    "damage": "f",
    "damage_description": "",
}


def copy_requests_and_loans(cursor, items, total: int, rng: random.Random, today: date, now: str) -> None:
    """`total` loans spread evenly over the items, each item's loans one after the other with gaps:
    returned in the past, out today, scheduled ahead."""
    borrowers = borrowers_by_territory()
    next_request = (Request.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    request_rows, loan_rows = [], []
    per_item, spare = divmod(total, len(items))
    for index, (item, owner, territory, category) in enumerate(items):
        day = today - timedelta(days=rng.randint(*LOANS_START_DAYS_AGO))
        for _loan in range(per_item + (index < spare)):
            start = day
            end = start + timedelta(days=rng.randint(*LOAN_DAYS))
            blocked_until = end + timedelta(days=rng.randint(*BUFFER_DAYS))
            day = blocked_until + timedelta(days=rng.randint(*GAP_DAYS))
            borrower, user = rng.choice(borrowers[territory])
            if borrower == owner:
                borrower, user = borrowers[territory][0]
            status = "returned" if end <= today else "out" if start <= today else "scheduled"
            checked_out_on = None if status == "scheduled" else start
            checked_in_on = end if status == "returned" else None
            request_rows.append(
                (next_request, territory, borrower, item, owner, category, start, end, user, user, user, now, now)
            )
            loan_rows.append(
                (next_request, territory, item, owner, borrower, start, end, blocked_until, status)
                + (checked_out_on, checked_in_on, now)
            )
            next_request += 1
    copy_with_defaults(cursor, "equipment_request", REQUEST_COLUMNS, REQUEST_DEFAULTS, request_rows)
    copy_with_defaults(cursor, "equipment_loan", LOAN_COLUMNS, LOAN_DEFAULTS, loan_rows)
    for table in ("equipment_request", "equipment_loan"):
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT coalesce(max(id), 1) FROM {table}))"
        )


def borrowers_by_territory() -> dict[int, list[tuple[int, int]]]:
    """(organisation, one of its users) per territory: the EPCI and the communes may borrow."""
    seats = Membership.objects.order_by("organisation_id", "pk").values_list(
        "organisation__territory_id", "organisation_id", "user_id"
    )
    found: dict[int, dict[int, int]] = defaultdict(dict)
    for territory, organisation, user in seats:
        found[territory].setdefault(organisation, user)
    return {territory: list(users.items()) for territory, users in found.items()}


def copy(cursor, table: str, columns: list[str], rows: Iterable[tuple]) -> None:
    """COPY in text format: the values here hold no tab, newline or backslash; None is NULL."""
    quoted = ", ".join(f'"{column}"' for column in columns)
    with cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as stream:
        chunk = []
        for row in rows:
            chunk.append("\t".join("\\N" if value is None else str(value) for value in row))
            if len(chunk) == 50_000:
                stream.write("\n".join(chunk) + "\n")
                chunk = []
        if chunk:
            stream.write("\n".join(chunk) + "\n")


class dropped_foreign_keys_and_indexes:
    """Drop the tables' foreign keys and plain indexes (not the primary, unique or exclusion ones),
    and create them again on exit: a bulk load checks and sorts once instead of once per row."""

    def __init__(self, cursor, tables: list[str]) -> None:
        self.cursor, self.tables = cursor, tables

    def __enter__(self) -> None:
        self.cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # run the checks the items' copy left pending
        self.cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)",
            [self.tables],
        )
        self.foreign_keys = self.cursor.fetchall()
        self.cursor.execute(
            "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
            "WHERE indrelid::regclass::text = ANY(%s) AND NOT indisunique AND NOT indisexclusion",
            [self.tables],
        )
        self.indexes = self.cursor.fetchall()
        for table, name, _definition in self.foreign_keys:
            self.cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _definition in self.indexes:
            self.cursor.execute(f"DROP INDEX {name}")

    def __exit__(self, *exc_info) -> None:
        if exc_info[0] is not None:
            return  # the transaction rolls back, drops included
        for _name, definition in self.indexes:
            self.cursor.execute(definition)
        for table, name, definition in self.foreign_keys:
            self.cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
