"""The databases of the `pages` scenario: the Grand Dole demo (1×) and copies of it grown to N×.

Growing to N× adds N−1 clones of each demo commune to the Grand Dole territory, by bulk_create
(no save(), no history rows), each with a mayor and a secretary, and copies of the demo commune's
rows: charges, equipment items with their requests and loans, adhesions. The demo's communes
carry an INSEE code, the clones none: that tells them apart when the counts are checked.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import override_settings

from mutualis.accounts.models import User
from mutualis.agreements.models import Adhesion
from mutualis.billing.models import Charge
from mutualis.demo.territory import EPCI_SIREN, load_demo
from mutualis.equipment.models import Item, Loan
from mutualis.equipment.models import Request as LoanRequest
from mutualis.territory.models import Membership, Organisation, OrganisationKind, Role, Territory

CLONE_ROLES = (Role.ORG_MANAGER, Role.SECRETARY)


def grand_dole() -> Territory | None:
    return Territory.objects.filter(siren=EPCI_SIREN).first()


def demo_communes(territory: Territory):
    return territory.organisations.filter(kind=OrganisationKind.COMMUNE).exclude(insee_code="")


def clones(territory: Territory):
    return territory.organisations.filter(kind=OrganisationKind.COMMUNE, insee_code="")


def counts(territory: Territory) -> dict[str, int]:
    """What growing multiplies: the communes, and the rows of the communes (demo and clones)."""
    communes = territory.organisations.filter(kind=OrganisationKind.COMMUNE)
    return {
        "organisations": territory.organisations.count(),
        "charges": Charge.objects.filter(organisation__in=communes).count(),
        "items": Item.objects.filter(owner__in=communes).count(),
        "loans": Loan.objects.filter(owner__in=communes).count(),
        "adhesions": Adhesion.objects.filter(organisation__in=communes).count(),
        "memberships": Membership.objects.filter(organisation__in=communes).count(),
    }


def expected_counts(territory: Territory, factor: int) -> dict[str, int]:
    """The counts at `factor`×, from the demo's own rows (the clones' rows are copies of them)."""
    communes = demo_communes(territory)
    demo = {
        "charges": Charge.objects.filter(organisation__in=communes).count(),
        "items": Item.objects.filter(owner__in=communes).count(),
        "loans": Loan.objects.filter(owner__in=communes).count(),
        "adhesions": Adhesion.objects.filter(organisation__in=communes).count(),
    }
    others = territory.organisations.count() - clones(territory).count()
    return {
        "organisations": others + (factor - 1) * communes.count(),
        **{key: value * factor for key, value in demo.items()},
        "memberships": Membership.objects.filter(organisation__in=communes).count()
        + (factor - 1) * 2 * communes.count(),
    }


def ensure_demo() -> tuple[Territory, str]:
    """Migrate and load the demo unless the database holds it already."""
    call_command("migrate", interactive=False, verbosity=0)
    territory = grand_dole()
    if territory is not None:
        return territory, "reused"
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        return load_demo(), "loaded with load_demo"


def reset_to_demo(demo_file: Path | None) -> None:
    """Start over from the plain demo: a copy of the 1× file on SQLite, flush and load_demo elsewhere."""
    if connection.vendor == "sqlite":
        connection.close()
        with sqlite3.connect(demo_file) as source, sqlite3.connect(connection.settings_dict["NAME"]) as target:
            source.backup(target)
    else:
        call_command("flush", interactive=False, verbosity=0)
    ensure_demo()


def ensure_factor(factor: int, demo_file: Path | None) -> tuple[Territory, str]:
    """The demo grown to `factor`×, reused while its counts match."""
    if factor == 1:
        return ensure_demo()
    if connection.vendor == "sqlite" and not Path(connection.settings_dict["NAME"]).exists():
        reset_to_demo(demo_file)  # a copy of the demo rather than loading it again
    territory, _how = ensure_demo()
    if counts(territory) == expected_counts(territory, factor):
        return territory, "reused"
    if clones(territory).exists():
        reset_to_demo(demo_file)
        territory = grand_dole()
    grow(territory, factor)
    return territory, f"grown from the demo to {factor}×"


@transaction.atomic
def grow(territory: Territory, factor: int) -> None:
    originals = list(demo_communes(territory).order_by("pk"))
    new = []
    for n in range(1, factor):
        for commune in originals:
            clone = Organisation(
                territory=territory,
                kind=OrganisationKind.COMMUNE,
                name=f"{commune.name} {n + 1}",
                search_name=f"{commune.search_name} {n + 1}",
                postal_code=commune.postal_code,
                population=commune.population,
                sector_id=commune.sector_id,
                email=f"mairie{n + 1}@{commune.insee_code}.grand-dole.example",
            )
            new.append((commune.pk, n, clone))
    Organisation.objects.bulk_create([clone for *_key, clone in new], batch_size=500)
    # copy[(original pk, n)] is the n-th clone of an organisation; the EPCI and other bodies stay themselves.
    copy = {(pk, n): clone.pk for pk, n, clone in new}

    def org(pk: int | None, n: int) -> int | None:
        return copy.get((pk, n), pk)

    people(new)
    communes = [commune.pk for commune in originals]
    charges = list(Charge.objects.filter(organisation__in=communes))
    adhesions = list(Adhesion.objects.filter(organisation__in=communes))
    items = list(Item.objects.filter(owner__in=communes))
    requests = list(LoanRequest.objects.filter(owner__in=communes, item__isnull=False))
    loans = list(Loan.objects.filter(owner__in=communes))
    for n in range(1, factor):
        Charge.objects.bulk_create(
            # A charge's source (the loan, the mission) stays with the demo's row: one posted charge per source.
            [clone_of(row, organisation_id=org(row.organisation_id, n), source_type_id=None, source_id=None)
             for row in charges],
            batch_size=500,
        )  # fmt: skip
        Adhesion.objects.bulk_create(
            [clone_of(row, organisation_id=org(row.organisation_id, n)) for row in adhesions], batch_size=500
        )
        new_items = Item.objects.bulk_create(
            [clone_of(row, owner_id=org(row.owner_id, n), contact_id=None) for row in items], batch_size=500
        )
        item = {old.pk: fresh.pk for old, fresh in zip(items, new_items, strict=True)}
        new_requests = LoanRequest.objects.bulk_create(
            [
                clone_of(
                    row, owner_id=org(row.owner_id, n), borrower_id=org(row.borrower_id, n), item_id=item[row.item_id]
                )
                for row in requests
            ],
            batch_size=500,
        )
        request = {old.pk: fresh.pk for old, fresh in zip(requests, new_requests, strict=True)}
        Loan.objects.bulk_create(
            [
                clone_of(
                    row,
                    request_id=request[row.request_id],
                    item_id=item[row.item_id],
                    owner_id=org(row.owner_id, n),
                    borrower_id=org(row.borrower_id, n),
                )
                for row in loans
            ],
            batch_size=500,
        )


def clone_of(row, **changes):
    """An unsaved copy of a model instance with some fields (by attname) changed."""
    values = {
        field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields if not field.primary_key
    }
    values.update(changes)
    return type(row)(**values)


def people(new: list[tuple[int, int, Organisation]]) -> None:
    """A mayor and a secretary for each clone, as the demo has for each commune (no usable password)."""
    roles = CLONE_ROLES
    users = User.objects.bulk_create(
        [
            User(email=f"{role.replace('_', '-')}.{clone.pk}@bench-pages.example", password="!", last_name=clone.name)
            for *_key, clone in new
            for role in roles
        ],
        batch_size=500,
    )
    memberships = [
        Membership(user=user, organisation=clone, role=role)
        for (*_key, clone), pair in zip(new, zip(users[::2], users[1::2], strict=True), strict=True)
        for user, role in zip(pair, roles, strict=True)
    ]
    Membership.objects.bulk_create(memberships, batch_size=500)
