"""Shared equipment for the demo (action 3): items declared by the EPCI and a few communes,
a pending request and an accepted loan, all through the equipment services. The loan's
convention is signed by each party, Jouhe's mayor then the coordination for the EPCI, so that
the barriers can be handed over (conventions govern the handover)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from mutualis.accounts.models import User
from mutualis.agreements.services import convention_party_sign
from mutualis.equipment.models import Item, Loan, QualificationKind
from mutualis.equipment.models import Request as EquipmentRequest
from mutualis.equipment.services import categories_for, item_declare, request_accept, request_create
from mutualis.territory.models import Organisation, Territory

# (owner INSEE code or None for the EPCI, category, name, fields)
ITEMS = [
    (None, "Voirie", "Nacelle élévatrice 12 m", {
        "qualification_kind": QualificationKind.CACES, "qualification": "CACES R486 catégorie A",
        "daily_fee": Decimal("80"), "deposit": Decimal("500"), "declared_value": Decimal("38000"),
        "storage_location": "Centre technique communautaire, Dole"}),
    (None, "Événementiel", "Barrières de police", {
        "quantity": 20, "daily_fee": Decimal("0"), "deposit": Decimal("150"), "declared_value": Decimal("1800")}),
    ("39270", "Événementiel", "Tables et bancs pliants", {
        "quantity": 10, "daily_fee": Decimal("5"), "deposit": Decimal("100"), "declared_value": Decimal("1500"),
        "storage_location": "Salle des fêtes de Jouhe"}),
    ("39526", "Nettoyage", "Balayeuse de voirie", {
        "daily_fee": Decimal("60"), "deposit": Decimal("400"), "declared_value": Decimal("45000"),
        "operator_provided": True, "storage_location": "Ateliers municipaux de Tavaux"}),
    ("39233", "Espaces verts", "Broyeur de végétaux", {
        "daily_fee": Decimal("25"), "deposit": Decimal("200"), "declared_value": Decimal("6500")}),
    ("39189", "Espaces verts", "Remorque porte-engins 3,5 t", {
        "qualification_kind": QualificationKind.TRAILER, "qualification": "Permis BE",
        "daily_fee": Decimal("15"), "deposit": Decimal("150"), "declared_value": Decimal("4200")}),
]  # fmt: skip


def load_equipment(territory: Territory, epci: Organisation, communes: dict[str, Organisation]) -> None:
    manager = User.objects.get(email="materiel@mutualis.example")
    categories = {category.name: category for category in categories_for(territory)}
    items = {}
    for insee_code, category, name, fields in ITEMS:
        owner = communes[insee_code] if insee_code else epci
        items[name] = Item.objects.filter(owner=owner, name=name).first() or item_declare(
            owner=owner, category=categories[category], name=name, by=manager, **fields
        )
    if EquipmentRequest.objects.filter(territory=territory).exists():
        return
    # Dated from the day the demo is first loaded, so that the requests respect the lending rules.
    today = timezone.localdate()
    mayor = User.objects.get(email="maire.jouhe@mutualis.example")
    secretary = User.objects.get(email="secretaire.jouhe@mutualis.example")
    request_create(
        borrower=communes["39270"], item=items["Broyeur de végétaux"], start=today + timedelta(days=14),
        end=today + timedelta(days=16), purpose="Broyage des branches après l'élagage des tilleuls de la place.",
        contact=secretary, created_by=secretary,
    )  # fmt: skip
    barriers = request_create(
        borrower=communes["39270"], item=items["Barrières de police"], start=today + timedelta(days=21),
        end=today + timedelta(days=23), purpose="Fête du village : fermeture de la Grande Rue.",
        contact=mayor, created_by=mayor,
    )  # fmt: skip
    sign_by_each_party(request_accept(request=barriers, by=manager), mayor)


def sign_by_each_party(loan: Loan, mayor: User) -> None:
    coordinator = User.objects.get(email="coordination@mutualis.example")
    convention = loan.convention
    today = timezone.localdate()
    for party in convention.convention_parties.select_related("organisation"):
        signer = coordinator if party.is_epci else mayor
        title = "pour le président de l'agglomération" if party.is_epci else f"maire de {party.organisation.name}"
        convention_party_sign(party=party, signed_on=today, signatory=f"{signer.get_full_name()}, {title}", by=signer)
