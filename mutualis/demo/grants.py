"""The fonds de concours for the demo.

2020 reproduces the seed's bilan exactly: 32 communes filed 47 files, all granted and paid, the
smallest grant 408 € (Aumur, which filed two), the largest 10,000 € (the year's ceiling per file),
268,913 € granted for 1,082,375 € HT of investment. Every 2020 file respects every limit of the
year's rules (50 % of the cost HT, 10,000 € a file, no more than half of the cost less the other
subsidies). The current year has its rules (an envelope per commune) and open files in every
state of the instruction. Rows are written with `upsert`, so loading twice gives the same state.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from mutualis.accounts.models import User
from mutualis.core.money import from_cents, to_cents
from mutualis.core.periods import current_year
from mutualis.demo.digital import one_page_pdf
from mutualis.demo.rows import upsert
from mutualis.grants import limits
from mutualis.grants.models import (
    Application,
    Document,
    DocumentKind,
    EnvelopeScope,
    Message,
    Opinion,
    Payment,
    PaymentKind,
    ProjectKind,
    Rules,
    Status,
)
from mutualis.territory.models import Body, Organisation, Role, Territory

BUILDINGS = "Bâtiments communaux"
SCHOOLS = "Équipements scolaires"
SPORTS = "Équipements sportifs et de loisirs"
PUBLIC_SPACES = "Voirie et espaces publics"
ENERGY = "Transition énergétique"
HERITAGE = "Patrimoine"
KINDS = [BUILDINGS, SCHOOLS, SPORTS, PUBLIC_SPACES, ENERGY, HERITAGE]
REQUIRED = [DocumentKind.DELIBERATION, DocumentKind.QUOTES, DocumentKind.FINANCING_PLAN]

# (commune INSEE code, title, équipement, kind, cost HT, other subsidies, granted), in euros.
GRANTS_2020 = [
    ("39001", "Mise en accessibilité de la mairie", "Mairie", BUILDINGS, 4553, 1500, 763),
    ("39008", "Création d'un city-stade", "City-stade", SPORTS, 31682, 0, 10000),
    ("39014", "Équipement numérique des classes", "École primaire", SCHOOLS, 14881, 0, 3420),
    ("39024", "Extension du columbarium", "Cimetière communal", BUILDINGS, 28092, 8000, 6077),
    ("39029", "Acquisition d'un défibrillateur pour la salle des fêtes", "Salle des fêtes", BUILDINGS, 1632, 816, 408),
    ("39029", "Réhabilitation de la salle des fêtes", "Salle des fêtes", BUILDINGS, 36134, 0, 10000),
    ("39030", "Restauration du lavoir", "Lavoir communal", HERITAGE, 5517, 1600, 1134),
    ("39030", "Remplacement de l'éclairage public par des LED", "Éclairage public", ENERGY, 14321, 0, 3791),
    ("39042", "Réfection de la cour de l'école", "École maternelle", SCHOOLS, 25782, 0, 6448),
    ("39051", "Création d'un parking à la salle polyvalente", "Salle polyvalente", PUBLIC_SPACES, 40586, 10300, 10000),
    ("39078", "Réhabilitation de la salle des fêtes", "Salle des fêtes", BUILDINGS, 9793, 0, 1505),
    ("39096", "Réfection des vestiaires du stade", "Stade municipal", SPORTS, 25460, 0, 4162),
    ("39099", "Remplacement de l'éclairage public par des LED", "Éclairage public", ENERGY, 20298, 3300, 6819),
    ("39101", "Isolation et chauffage de la mairie", "Mairie", ENERGY, 29038, 0, 10000),
    ("39101", "Extension du columbarium", "Cimetière communal", BUILDINGS, 9323, 0, 1876),
    ("39121", "Sécurisation des abords de l'école", "Voirie communale", PUBLIC_SPACES, 21608, 6300, 4533),
    ("39150", "Mise en accessibilité de la mairie", "Mairie", BUILDINGS, 37081, 0, 7190),
    ("39150", "Restauration du lavoir", "Lavoir communal", HERITAGE, 33490, 0, 10000),
    ("39182", "Équipement numérique des classes", "École primaire", SCHOOLS, 8411, 2000, 2247),
    ("39189", "Extension du columbarium", "Cimetière communal", BUILDINGS, 17771, 0, 4904),
    ("39189", "Création d'un parking à la salle polyvalente", "Salle polyvalente", PUBLIC_SPACES, 29789, 0, 7561),
    ("39193", "Aménagement d'une aire de jeux", "Aire de jeux", SPORTS, 37942, 9000, 10000),
    ("39193", "Réfection des vestiaires du stade", "Stade municipal", SPORTS, 15135, 0, 2618),
    ("39198", "Réfection de la toiture de l'église", "Église", HERITAGE, 31581, 0, 5275),
    ("39198", "Isolation et chauffage de la mairie", "Mairie", ENERGY, 23191, 3700, 7932),
    ("39205", "Création d'un parking à la salle polyvalente", "Salle polyvalente", PUBLIC_SPACES, 42393, 0, 10000),
    ("39220", "Réhabilitation de la salle des fêtes", "Salle des fêtes", BUILDINGS, 13328, 0, 2989),
    ("39233", "Réfection des vestiaires du stade", "Stade municipal", SPORTS, 26281, 7500, 5646),
    ("39233", "Création d'un city-stade", "City-stade", SPORTS, 42418, 0, 8302),
    ("39252", "Isolation et chauffage de la mairie", "Mairie", ENERGY, 30845, 0, 10000),
    ("39270", "Rénovation énergétique de l'école", "École primaire", ENERGY, 11301, 2300, 3359),
    ("39270", "Aménagement de la place du village", "Place du village", PUBLIC_SPACES, 21218, 0, 6016),
    ("39285", "Mise en accessibilité de la mairie", "Mairie", BUILDINGS, 6431, 0, 1073),
    ("39323", "Création d'un city-stade", "City-stade", SPORTS, 35297, 7600, 10000),
    ("39335", "Équipement numérique des classes", "École primaire", SCHOOLS, 20472, 0, 3730),
    ("39405", "Extension du columbarium", "Cimetière communal", BUILDINGS, 37696, 0, 6387),
    ("39405", "Création d'un parking à la salle polyvalente", "Salle polyvalente", PUBLIC_SPACES, 6322, 1700, 1444),
    ("39462", "Aménagement d'une aire de jeux", "Aire de jeux", SPORTS, 39749, 0, 10000),
    ("39462", "Réfection des vestiaires du stade", "Stade municipal", SPORTS, 17332, 0, 4101),
    ("39476", "Réfection de la toiture de l'église", "Église", HERITAGE, 30952, 8700, 6758),
    ("39476", "Isolation et chauffage de la mairie", "Mairie", ENERGY, 11280, 0, 1815),
    ("39501", "Création d'un parking à la salle polyvalente", "Salle polyvalente", PUBLIC_SPACES, 28201, 0, 10000),
    ("39501", "Sécurisation des abords de l'école", "Voirie communale", PUBLIC_SPACES, 14195, 2600, 4472),
    ("39526", "Réfection des vestiaires du stade", "Stade municipal", SPORTS, 24668, 0, 7129),
    ("39526", "Création d'un city-stade", "City-stade", SPORTS, 10438, 0, 2186),
    ("39573", "Isolation et chauffage de la mairie", "Mairie", ENERGY, 32653, 6300, 10000),
    ("39573", "Extension du columbarium", "Cimetière communal", BUILDINGS, 25814, 0, 4843),
]  # fmt: skip
# The community council's sessions of 2020 that decided them.
SESSIONS_2020 = [date(2020, 2, 13), date(2020, 7, 9), date(2020, 10, 8), date(2020, 12, 10)]
ADVANCE_FROM = 3000  # below this grant, the commune asks for a single payment at the balance

# The current year's open files: (commune, title, équipement, kind, cost HT, subsidies, asked, status,
# days since filed, documents joined).
OPEN_FILES = [
    ("39270", "Rénovation de la toiture de la mairie", "Mairie", BUILDINGS, 48000, 12000, 10000,
     Status.DRAFT, None, [DocumentKind.DELIBERATION]),
    ("39233", "Création d'une aire de jeux inclusive", "Aire de jeux du parc", SPORTS, 36000, 9000, 9000,
     Status.SUBMITTED, 12, REQUIRED),
    ("39526", "Rénovation thermique du gymnase", "Gymnase municipal", ENERGY, 120000, 60000, 10000,
     Status.INCOMPLETE, 30, [DocumentKind.DELIBERATION, DocumentKind.FINANCING_PLAN]),
    ("39189", "Mise en accessibilité de l'école", "École primaire", SCHOOLS, 26000, 5200, 8000,
     Status.SCHEDULED, 45, REQUIRED),
    ("39198", "Réfection de la toiture du groupe scolaire", "Groupe scolaire", SCHOOLS, 64000, 16000, 10000,
     Status.GRANTED, 120, REQUIRED),
    ("39150", "Achat d'un tracteur pour les services techniques", "Services techniques", PUBLIC_SPACES, 42000, 0,
     10000, Status.REFUSED, 100, REQUIRED),
]  # fmt: skip
REFUSAL = (
    "Le fonds de concours finance la réalisation ou le fonctionnement d'un équipement (CGCT L5216-5 VI) : "
    "l'achat d'un véhicule n'en est pas un."
)


def load_grants(territory: Territory, epci: Organisation, communes: dict[str, Organisation]) -> None:
    coordinator = User.objects.get(email="coordination@mutualis.example")
    kinds = {name: upsert(ProjectKind, {"territory": territory, "name": name}, {}) for name in KINDS}
    rules_2020 = rules_of(territory, 2020, kinds, filing_closes_on=date(2020, 9, 30))
    for index, row in enumerate(GRANTS_2020):
        paid_file(rules_2020, communes[row[0]], kinds, index, row, coordinator)
    year = current_year()
    rules = rules_of(territory, year, kinds, envelope_scope=EnvelopeScope.COMMUNE, envelope_amount=Decimal("15000"))
    for row in OPEN_FILES:
        open_file(rules, communes[row[0]], kinds, row, coordinator)


def rules_of(territory: Territory, year: int, kinds: dict[str, ProjectKind], **fields) -> Rules:
    rules = upsert(
        Rules,
        {"territory": territory, "year": year},
        {
            "rate": Decimal("50"),
            "file_ceiling": Decimal("10000"),
            "minimum_amount": Decimal("400"),
            "required_documents": [str(kind) for kind in REQUIRED],
            "works_start_months": 24,
            "advance_rate": Decimal("30"),
            "reminder_days": 60,
            **fields,
        },
    )
    rules.eligible_kinds.set(kinds.values())
    return rules


def secretary_of(commune: Organisation) -> User:
    membership = commune.memberships.active().filter(role=Role.SECRETARY).order_by("pk").first()
    return membership.user


def paid_file(rules: Rules, commune: Organisation, kinds, index: int, row, coordinator: User) -> Application:
    """A 2020 file, filed in the first half of the year, decided at the next session, paid in full on its cost."""
    _code, title, equipment, kind, cost, subsidies, granted = row
    submitted_on = date(2020, 1 + index % 6, 3 + index % 25)
    decided_on = next(day for day in SESSIONS_2020 if day >= submitted_on + timedelta(days=30))
    started_on = decided_on + timedelta(days=45 + 30 * (index % 4))
    application = upsert(
        Application,
        {"rules": rules, "organisation": commune, "title": title},
        {
            "territory": rules.territory, "equipment": equipment, "kind": kinds[kind],
            "cost_ht": Decimal(cost), "other_subsidies": Decimal(subsidies), "amount_asked": Decimal(granted),
            "works_start_planned": decided_on + timedelta(days=60),
            "works_end_planned": decided_on + timedelta(days=240),
            "status": Status.PAID, "created_by": secretary_of(commune), "submitted_on": submitted_on,
            "proposed_amount": Decimal(granted), "agenda_body": Body.COUNCIL, "agenda_date": decided_on,
            "decided_on": decided_on, "decision_reference": f"DEL-2020-{index + 1:03d}",
            "granted_amount": Decimal(granted), "works_started_on": started_on, "actual_cost": Decimal(cost),
        },
    )  # fmt: skip
    advance = limits.advance(granted=to_cents(Decimal(granted)), advance_rate=rules.advance_rate)
    if granted >= ADVANCE_FROM:
        pay(application, PaymentKind.ADVANCE, from_cents(advance), started_on + timedelta(days=15), coordinator)
    else:
        advance = 0
    balance = from_cents(to_cents(Decimal(granted)) - advance)
    pay(application, PaymentKind.BALANCE, balance, started_on + timedelta(days=200), coordinator)
    return application


def pay(application: Application, kind: str, amount: Decimal, paid_on: date, by: User) -> None:
    values = {"amount": amount, "paid_on": paid_on, "recorded_by": by}
    upsert(Payment, {"application": application, "kind": kind}, values)


def open_file(rules: Rules, commune: Organisation, kinds, row, coordinator: User) -> Application:
    """A file of the current year at `status`, with the fields and rows that state implies."""
    _code, title, equipment, kind, cost, subsidies, asked, status, days, documents = row
    today = timezone.localdate()
    secretary = secretary_of(commune)
    fields = {
        "territory": rules.territory, "equipment": equipment, "kind": kinds[kind], "cost_ht": Decimal(cost),
        "other_subsidies": Decimal(subsidies), "amount_asked": Decimal(asked), "status": status,
        "created_by": secretary, "works_start_planned": today + timedelta(days=90),
        "works_end_planned": today + timedelta(days=270),
        "submitted_on": today - timedelta(days=days) if days is not None else None,
    }  # fmt: skip
    if status in (Status.SCHEDULED, Status.GRANTED, Status.REFUSED):
        fields |= {"proposed_amount": Decimal(asked), "agenda_body": Body.COUNCIL}
        fields["agenda_date"] = today + timedelta(days=20) if status == Status.SCHEDULED else today - timedelta(days=60)
    if status in (Status.GRANTED, Status.REFUSED):
        fields |= {"decided_on": today - timedelta(days=60), "decision_reference": f"DEL-{today.year}-OPEN-{row[0]}"}
        if status == Status.GRANTED:
            fields["granted_amount"] = Decimal(asked)
        else:
            fields["refusal_reason"] = REFUSAL
    application = upsert(Application, {"rules": rules, "organisation": commune, "title": title}, fields)
    for document in documents:
        if not application.documents.filter(kind=document).exists():
            label = DocumentKind(document).label
            Document.objects.create(
                application=application, kind=document, name=f"{label}.pdf", uploaded_by=secretary,
                file=one_page_pdf(f"{label} - {title}", f"{document}.pdf"),
            )  # fmt: skip
    if status == Status.INCOMPLETE:
        upsert(
            Message,
            {"application": application, "documents_asked": [str(DocumentKind.QUOTES)]},
            {"author": coordinator, "text": "Merci de joindre les devis des entreprises retenues pour les travaux."},
        )
    if status in (Status.SCHEDULED, Status.GRANTED, Status.REFUSED):
        upsert(
            Opinion,
            {"application": application, "service": "Service bâtiments et énergie"},
            {"favourable": status != Status.REFUSED, "author": coordinator,
             "text": "Projet conforme, chiffrage cohérent avec les prix du marché."
             if status != Status.REFUSED else "Un véhicule n'est pas un équipement au sens du fonds de concours."},
        )  # fmt: skip
    return application
