"""The Club Acheteurs for the demo (action 4): the seed's 2020 members (29 communes, the
Syndicat Mixte de la Grande Tablée, the SIVOS du Val des Anges and the CCAS de Dole), each an
adhesion to the purchasing service under a signed convention (the club's own for its
signatories, an accession convention for the others), a programme over the seed's purchasing
domains, a census open now and a copier contract awarded with its savings, all through the
services. Created once: re-running finds the adhesions by organisation and the consultations
by title."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from mutualis.accounts.models import User
from mutualis.agreements.models import Adhesion, Convention, Instrument, Status
from mutualis.agreements.services import convention_send, convention_sign
from mutualis.demo.digital import signed_scan
from mutualis.purchasing.models import Article, Consultation, Priority
from mutualis.purchasing.services import (
    NeedLine,
    award_publish,
    census_open,
    consultation_create,
    consultation_launch,
    interest_toggle,
    lot_award,
    lot_create,
    membership_join,
    needs_declare,
)
from mutualis.territory.models import Organisation, Service, Territory

CLUB_CONVENTION = "Groupement de commandes permanent « Club Acheteurs »"
OTHER_MEMBERS = ["Syndicat Mixte de la Grande Tablée", "SIVOS du Val des Anges", "CCAS de Dole"]
COMMUNE_COUNT = 29
# Communes named in the club's convention (mutualis/demo/activity.py), first.
FIRST_COMMUNES = ["39270", "39233", "39405"]
JOUHE = "39270"
JOINED_ON = date(2020, 1, 1)

# title, domain, CPV, priority, yearly volume, target launch, lots [(title, [(article, unit)])]
PROGRAMME = [
    ("Copieurs et imprimantes 2026-2030", "Copieurs et imprimantes", "30120000", Priority.HIGH, "95000",
     date(2026, 3, 2), [("Copieurs multifonctions", [("Location copieur A3 couleur", "mois"),
                                                     ("Copie noir et blanc", "page"), ("Copie couleur", "page")])]),
    ("Fournitures administratives 2027", "Fournitures administratives", "30192000", Priority.HIGH, "60000",
     date(2027, 1, 11), [("Papier", [("Ramette A4 80 g", "ramette"), ("Ramette A3 80 g", "ramette")]),
                         ("Petites fournitures", [("Stylo bille bleu", "boîte de 50"),
                                                  ("Enveloppe C5 blanche", "boîte de 500")])]),
    ("Produits d'entretien", "Produits d'entretien", "39830000", Priority.HIGH, "45000", date(2027, 3, 1), []),
    ("Téléphonie fixe et mobile", "Téléphonie", "64210000", Priority.MEDIUM, "70000", date(2027, 6, 1), []),
    ("Blanchisserie des textiles", "Blanchisserie", "98310000", Priority.MEDIUM, "25000", date(2027, 9, 1), []),
    ("Dératisation et désinsectisation", "Dératisation", "90922000", Priority.LOW, "12000", date(2028, 1, 10), []),
]  # fmt: skip

# The copier census: per member (yearly pages in black, in colour, months of rental) and the
# prices they paid before, per article: (rental, black page, colour page).
COPIER_PRICES = [("89", "0.0062", "0.0590"), ("95", "0.0055", "0.0620"), ("110", "0.0070", "0.0650")]
COPIER_AWARD = {"Location copieur A3 couleur": "68", "Copie noir et blanc": "0.0041", "Copie couleur": "0.0410"}


def club_members(territory: Territory, communes: dict[str, Organisation]) -> list[Organisation]:
    by_population = sorted(
        (c for code, c in communes.items() if code not in FIRST_COMMUNES), key=lambda c: -(c.population or 0)
    )
    chosen = [communes[code] for code in FIRST_COMMUNES] + by_population[: COMMUNE_COUNT - len(FIRST_COMMUNES)]
    others = list(territory.organisations.filter(name__in=OTHER_MEMBERS).order_by("name"))
    return chosen + others


def load_purchasing(territory: Territory, epci: Organisation, communes: dict[str, Organisation]) -> None:
    manager = User.objects.get(email="achats@mutualis.example")
    members = club_members(territory, communes)
    _join_club(territory, members, manager)
    today = timezone.localdate()
    for title, domain, cpv, priority, volume, launch, lots in PROGRAMME:
        if Consultation.objects.filter(territory=territory, title=title).exists():
            continue
        consultation = consultation_create(
            territory=territory, by=manager, title=title, domain=domain, cpv_code=cpv, priority=priority,
            estimated_amount=Decimal(volume), target_launch=launch, target_award=launch + timedelta(days=90),
        )  # fmt: skip
        for number, (lot_title, articles) in enumerate(lots, start=1):
            lot_create(consultation=consultation, number=number, title=lot_title, articles=articles, by=manager)
        if domain == "Copieurs et imprimantes":
            _award_copiers(consultation, members, manager, today)
        elif domain == "Fournitures administratives":
            _open_supplies_census(consultation, members, manager, today)
        else:
            for organisation in members[3 : 3 + len(domain) % 5 + 2]:
                interest_toggle(consultation=consultation, organisation=organisation, by=manager)


def _join_club(territory: Territory, members: list[Organisation], manager: User) -> None:
    """Each member adheres from 2020 under a convention signed before it took part: the club's
    own for the organisations party to it, an accession convention for the others."""
    club = Convention.objects.filter(territory=territory, title=CLUB_CONVENTION).first()
    signatories = club.organisation_ids() if club else set()
    adhering = set(
        Adhesion.objects.of_service(Service.PURCHASING)
        .filter(organisation__in=members)
        .values_list("organisation_id", flat=True)
    )
    for organisation in members:
        if organisation.pk not in adhering:
            membership_join(
                organisation=organisation,
                instrument=Instrument.JOINT_PURCHASING,
                joined_on=JOINED_ON,
                convention=club if organisation.pk in signatories else None,
                by=manager,
            )
    conventions = Convention.objects.filter(
        adhesions__service=Service.PURCHASING,
        adhesions__organisation__in=members,
        status__in=[Status.DRAFT, Status.SENT],
    )
    for convention in conventions.distinct().order_by("pk"):
        if convention.status == Status.DRAFT:
            convention = convention_send(convention=convention, by=manager)
        signed_on = min(convention.start - timedelta(days=15), timezone.localdate())
        convention_sign(convention=convention, signed_on=signed_on, signed_scan=signed_scan(convention), by=manager)


def _award_copiers(consultation: Consultation, members: list[Organisation], manager: User, today: date) -> None:
    """A census answered by twelve members, launched on 2 March 2026, awarded in May."""
    consultation = census_open(consultation=consultation, deadline=today + timedelta(days=1), by=manager)
    articles = list(consultation.lots.get().articles.order_by("pk"))
    for index, organisation in enumerate(members[:12]):
        size = Decimal(1 + index % 4)
        prices = COPIER_PRICES[index % 3]
        volumes = (Decimal(12) * size, Decimal(18000) * size, Decimal(2500) * size)
        lines = [
            NeedLine(article, volume, Decimal(price) if index % 5 else None, date(2026, 5, 31))
            for article, volume, price in zip(articles, volumes, prices, strict=True)
        ]
        needs_declare(consultation=consultation, organisation=organisation, lines=lines, by=manager)
    consultation = consultation_launch(consultation=consultation, on=date(2026, 3, 2), by=manager)
    award = lot_award(
        lot=consultation.lots.get(),
        prices={article.pk: Decimal(COPIER_AWARD[article.name]) for article in articles},
        supplier_name="Bureautique Comtoise (fictif)", supplier_siret="12345678200010",
        procedure="Procédure adaptée", offers_received=4, notified_on=date(2026, 5, 12),
        start=date(2026, 6, 1), end=date(2027, 6, 1), renewals=3, by=manager,
    )  # fmt: skip
    award_publish(award=award, on=date(2026, 5, 20), by=manager)


def _open_supplies_census(consultation: Consultation, members: list[Organisation], manager: User, today: date) -> None:
    """Open until three weeks from now; a few members have answered, Jouhe not yet."""
    consultation = census_open(consultation=consultation, deadline=today + timedelta(days=21), by=manager)
    articles = list(Article.objects.filter(lot__consultation=consultation).order_by("lot__number", "pk"))
    for index, organisation in enumerate(m for m in members if m.insee_code != JOUHE):
        if index >= 8:
            break
        size = Decimal(1 + index % 3)
        quantities = (Decimal(40) * size, Decimal(5) * size, Decimal(2) * size, Decimal(3) * size)
        prices = ("4.35", "9.80", "12.50", "21.00")
        lines = [
            NeedLine(article, quantity, Decimal(price))
            for article, quantity, price in zip(articles, quantities, prices, strict=True)
        ]
        needs_declare(consultation=consultation, organisation=organisation, lines=lines, by=manager)
