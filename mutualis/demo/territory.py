"""The Grand Dole demo territory: real communes, illustrative sectors, fictitious people.

Every write goes through `upsert`, which saves only what differs, so loading the demo
twice leaves the database (history included) as the first load left it.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

from django.db import transaction
from faker import Faker

from mutualis.accounts.models import User
from mutualis.core.holidays import public_holidays
from mutualis.core.periods import current_year
from mutualis.demo.activity import load_activity
from mutualis.demo.commonservices import load_commonservices
from mutualis.demo.digital import load_digital
from mutualis.demo.equipment import load_equipment
from mutualis.demo.facilities import load_facilities
from mutualis.demo.grants import load_grants
from mutualis.demo.helpdesk import load_helpdesk
from mutualis.demo.network import load_network
from mutualis.demo.purchasing import load_purchasing
from mutualis.demo.replacement import load_replacement
from mutualis.demo.rows import upsert
from mutualis.demo.steering import load_steering
from mutualis.demo.surveys import load_surveys
from mutualis.demo.workshops import load_workshops
from mutualis.territory.models import (
    ClosedDay,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    Sector,
    Service,
    Territory,
)

COMMUNES_FILE = Path(__file__).resolve().parent.parent / "territory" / "data" / "grand-dole-communes.csv"
DEMO_PASSWORD = "mutualis-demo"
EPCI_SIREN = "200010650"
EPCI_NAME = "Communauté d'Agglomération du Grand Dole"

SECTOR_NOTE = (
    "Regroupement illustratif de communes voisines, pour la démonstration : "
    "le schéma de mutualisation ne fixe pas la composition des secteurs."
)
# Six groups of neighbouring communes, by INSEE code. Illustrative only (see SECTOR_NOTE).
SECTORS = {
    "Dole et première couronne": ["39198", "39030", "39078", "39150", "39182", "39233", "39345", "39042"],
    "Nord": ["39270", "39449", "39051", "39323", "39014", "39101", "39501", "39262"],
    "Nord-Est – Massif de la Serre": ["39335", "39409", "39432", "39141", "39238", "39096"],
    "Est – Val de la Vèze": [
        "39462",
        "39008",
        "39024",
        "39031",
        "39121",
        "39205",
        "39220",
        "39284",
        "39285",
        "39308",
        "39465",
        "39584",
    ],  # fmt: skip
    "Sud – Val d'Orain": ["39573", "39405", "39193", "39571", "39412", "39387", "39252"],
    "Ouest – Plaine du Doubs": ["39526", "39189", "39001", "39099", "39029", "39476"],
}
OTHER_BODIES = [
    ("Syndicat Mixte de la Grande Tablée", OrganisationKind.SYNDICAT_MIXTE),
    ("SIVOS du Val des Anges", OrganisationKind.SIVOS),
    ("Syndicat Mixte Doubs Loue", OrganisationKind.SYNDICAT_MIXTE),
    ("CCAS de Dole", OrganisationKind.CCAS),
    ("Association foncière de Menotey (fictive)", OrganisationKind.ASSOCIATION_FONCIERE),
]
# One account per role, with the demo password. (email, organisation INSEE code or None for the EPCI, role, service)
DEMO_ACCOUNTS = [
    ("coordination@mutualis.example", None, Role.COORDINATOR, ""),
    ("materiel@mutualis.example", None, Role.SERVICE_MANAGER, Service.EQUIPMENT),
    ("remplacement@mutualis.example", None, Role.SERVICE_MANAGER, Service.REPLACEMENT),
    ("facturation@mutualis.example", None, Role.SERVICE_MANAGER, Service.BILLING),
    ("achats@mutualis.example", None, Role.SERVICE_MANAGER, Service.PURCHASING),
    ("expertise@mutualis.example", None, Role.SERVICE_MANAGER, Service.HELPDESK),
    ("numerique@mutualis.example", None, Role.SERVICE_MANAGER, Service.DIGITAL),
    ("fonds-de-concours@mutualis.example", None, Role.SERVICE_MANAGER, Service.GRANTS),
    ("ateliers@mutualis.example", None, Role.SERVICE_MANAGER, Service.WORKSHOPS),
    ("services-communs@mutualis.example", None, Role.SERVICE_MANAGER, Service.COMMON_SERVICES),
    ("reseau@mutualis.example", None, Role.SERVICE_MANAGER, Service.NETWORK),
    ("remplacante@mutualis.example", None, Role.AGENT, ""),
    ("maire.jouhe@mutualis.example", "39270", Role.ORG_MANAGER, ""),
    ("secretaire.jouhe@mutualis.example", "39270", Role.SECRETARY, ""),
    ("agent.jouhe@mutualis.example", "39270", Role.AGENT, ""),
]


def ascension_bridge(year: int) -> date:
    """The Friday after Ascension Thursday, when the agglomeration's offices close."""
    ascension = next(day for day, name in public_holidays(year).items() if name == "Ascension")
    return ascension + timedelta(days=1)


def read_communes() -> list[dict]:
    with COMMUNES_FILE.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def load_demo() -> Territory:
    territory = upsert(
        Territory, {"siren": EPCI_SIREN}, {"name": EPCI_NAME, "short_name": "Grand Dole", "colour": "#1d5e8c"}
    )
    sectors = {
        name: upsert(Sector, {"territory": territory, "name": name}, {"description": SECTOR_NOTE}) for name in SECTORS
    }
    for year in (current_year(), current_year() + 1):
        upsert(ClosedDay, {"territory": territory, "day": ascension_bridge(year)}, {"label": "Pont de l'Ascension"})
    sector_of = {code: sectors[name] for name, codes in SECTORS.items() for code in codes}
    epci = upsert(
        Organisation,
        {"territory": territory, "kind": OrganisationKind.EPCI, "siren": EPCI_SIREN},
        {"name": EPCI_NAME, "email": "mutualisation@grand-dole.example", "phone": "03 84 00 00 00"},
    )
    communes = {}
    for row in read_communes():
        communes[row["insee_code"]] = upsert(
            Organisation,
            {"territory": territory, "insee_code": row["insee_code"]},
            {
                "kind": OrganisationKind.COMMUNE,
                "name": row["name"],
                "postal_code": row["postal_code"],
                "population": int(row["population"]),
                "sector": sector_of[row["insee_code"]],
                "email": f"mairie@{row['insee_code']}.grand-dole.example",
            },
        )
    for name, kind in OTHER_BODIES:
        upsert(Organisation, {"territory": territory, "name": name}, {"kind": kind})
    load_people(epci, communes)
    load_activity(territory, epci, communes)
    load_equipment(territory, epci, communes)
    load_replacement(territory, epci, communes)
    load_purchasing(territory, epci, communes)
    load_helpdesk(territory, epci, communes)
    load_digital(territory, epci, communes)
    load_facilities(territory, epci, communes)
    load_surveys(territory, epci, communes)
    load_grants(territory, epci, communes)
    load_workshops(territory, epci, communes)
    load_commonservices(territory, epci, communes)
    load_network(territory, epci, communes)
    # Last: the schéma's report reads the figures the services above registered.
    load_steering(territory, epci, communes)
    return territory


def load_people(epci: Organisation, communes: dict[str, Organisation]) -> None:
    fake = Faker("fr_FR")
    fake.seed_instance(2021)
    for email, insee_code, role, service in DEMO_ACCOUNTS:
        user = upsert(User, {"email": email}, {"first_name": fake.first_name(), "last_name": fake.last_name()})
        if not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        organisation = communes[insee_code] if insee_code else epci
        upsert(Membership, {"user": user, "organisation": organisation, "role": role, "service": service}, {})
    # A mayor and a secretary for every other commune: fictitious, without a password.
    for code, commune in sorted(communes.items()):
        for role in (Role.ORG_MANAGER, Role.SECRETARY):
            first_name, last_name = fake.first_name(), fake.last_name()
            if code == "39270":
                continue
            user = upsert(
                User,
                {"email": f"{role.replace('_', '-')}.{code}@mutualis.example"},
                {"first_name": first_name, "last_name": last_name},
            )
            if user.password == "":
                user.set_unusable_password()
                user.save(update_fields=["password"])
            upsert(Membership, {"user": user, "organisation": commune, "role": role, "service": ""}, {})
