"""Load France at scale: every EPCI as a Territory with its communes and about three users per commune.

Rows go in with bulk_create, which calls neither save() nor the signals: search_name is filled
here, and simple_history writes no history rows (a bulk load has no history to keep).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from mutualis.territory.models import Membership, Organisation, OrganisationKind, Role, Territory, search_key

CSV_PATH = Path(__file__).resolve().parent / "data" / "france-communes.csv"
PASSWORD = "bench-password"
EMAIL_DOMAIN = "bench.mutualis.example"
COMMUNE_ROLES = (Role.ORG_MANAGER, Role.SECRETARY, Role.AGENT)
FIRST_NAMES = ("Camille", "Dominique", "Claude", "Alix", "Sacha", "Maxime", "Morgane", "Yannick")
BATCH_SIZE = 2000


@dataclass(frozen=True)
class Commune:
    insee_code: str
    name: str
    postal_code: str
    population: int
    epci_siren: str
    epci_name: str


def read_communes(path: Path = CSV_PATH) -> list[Commune]:
    """The communes that belong to an EPCI (the 4 island communes without one are left out)."""
    with path.open(encoding="utf-8", newline="") as file:
        return [
            Commune(
                insee_code=row["insee_code"],
                name=row["name"],
                postal_code=row["postal_code"].split("|")[0],
                population=int(row["population"]),
                epci_siren=row["epci_siren"],
                epci_name=row["epci_name"],
            )
            for row in csv.DictReader(file)
            if row["epci_siren"]
        ]


def expected_counts(communes: list[Commune]) -> dict[str, int]:
    territories = len({commune.epci_siren for commune in communes})
    people = territories + len(COMMUNE_ROLES) * len(communes)
    return {
        "territories": territories,
        "organisations": territories + len(communes),
        "users": people,
        "memberships": people,
    }


def current_counts() -> dict[str, int]:
    return {
        "territories": Territory.objects.count(),
        "organisations": Organisation.objects.count(),
        "users": get_user_model().objects.count(),
        "memberships": Membership.objects.count(),
    }


def coordinator_email(siren: str) -> str:
    return f"coordination.{siren}@{EMAIL_DOMAIN}"


@transaction.atomic
def load_france(communes: list[Commune]) -> None:
    User = get_user_model()
    epci_names = {commune.epci_siren: commune.epci_name for commune in communes}
    territories = Territory.objects.bulk_create(
        [Territory(name=name, short_name=name, siren=siren) for siren, name in epci_names.items()],
        batch_size=BATCH_SIZE,
    )
    territory_of = {territory.siren: territory for territory in territories}

    epcis = [
        Organisation(
            territory=territory, kind=OrganisationKind.EPCI, name=territory.name, search_name=search_key(territory.name)
        )
        for territory in territories
    ]
    members = [
        Organisation(
            territory=territory_of[commune.epci_siren],
            kind=OrganisationKind.COMMUNE,
            name=commune.name,
            search_name=search_key(commune.name),
            insee_code=commune.insee_code,
            postal_code=commune.postal_code,
            population=commune.population,
        )
        for commune in communes
    ]
    organisations = Organisation.objects.bulk_create(epcis + members, batch_size=BATCH_SIZE)

    # Argon2 is slow on purpose: hash once, share the string.
    password = make_password(PASSWORD)
    seats: list[tuple[Organisation, Role]] = [(epci, Role.COORDINATOR) for epci in epcis]
    seats += [(commune, role) for commune in organisations[len(epcis) :] for role in COMMUNE_ROLES]
    users = User.objects.bulk_create(
        [
            User(
                email=email_for(organisation, role),
                password=password,
                first_name=FIRST_NAMES[index % len(FIRST_NAMES)],
                last_name=organisation.name[:150],
            )
            for index, (organisation, role) in enumerate(seats)
        ],
        batch_size=BATCH_SIZE,
    )
    Membership.objects.bulk_create(
        [
            Membership(user=user, organisation=organisation, role=role)
            for user, (organisation, role) in zip(users, seats, strict=True)
        ],
        batch_size=BATCH_SIZE,
    )


def email_for(organisation: Organisation, role: Role) -> str:
    if role == Role.COORDINATOR:
        return coordinator_email(organisation.territory.siren)
    return f"{role}.{organisation.insee_code}@{EMAIL_DOMAIN}"
