"""Shared software and RGPD for the demo (action 9): the cemetery-management software the EPCI
bought and shares with nine communes (the seed), the EPCI's finance software offered to
communes, a training, and Jouhe's record of processing activities; all through the services.

Biarne uses the cemetery software under the convention that `activity.py` creates."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from mutualis.accounts.models import User
from mutualis.agreements.models import Convention
from mutualis.digital.models import MaintenanceCost, ProcessingActivity, ShareBasis, Software, Training
from mutualis.digital.record_templates import RECORD_TEMPLATES
from mutualis.digital.services import (
    maintenance_post,
    maintenance_set,
    processing_save,
    registration_create,
    software_save,
    subscription_create,
    training_save,
)
from mutualis.territory.models import Membership, Organisation, Territory

CEMETERY = "cart@CIM"
# The nine communes of the seed; Biarne (39051) joined in 2026, the others in 2024.
CEMETERY_USERS = ["39270", "39233", "39405", "39189", "39501", "39101", "39150", "39476", "39051"]
CEMETERY_MAINTENANCE = {2025: Decimal("1440.00"), 2026: Decimal("1620.00")}
FINANCE = "Civil Net Finances"
FINANCE_USERS = ["39526", "39189"]


def ensure_software(territory: Territory, name: str, by: User, **fields) -> Software:
    return Software.objects.filter(territory=territory, name=name).first() or software_save(
        software=Software(territory=territory, name=name, **fields), by=by
    )


def load_digital(territory: Territory, epci: Organisation, communes: dict[str, Organisation]) -> None:
    manager = User.objects.get(email="numerique@mutualis.example")
    referent = Membership.objects.active().get(user=manager, organisation=epci)
    cemetery = ensure_software(
        territory, CEMETERY, manager, publisher="Cart@DS", purpose="Gestion administrative des cimetières",
        description="Plans des cimetières, concessions, registre des inhumations, échéances de renouvellement.",
        referent=referent, acquired_on=date(2023, 11, 15), acquisition_cost=Decimal("18500.00"),
        share_basis=ShareBasis.EQUAL,
    )  # fmt: skip
    finance = ensure_software(
        territory, FINANCE, manager, publisher="Ciril GROUP", purpose="Gestion financière et comptable",
        description="Le logiciel de gestion financière de la Communauté d'Agglomération, ouvert aux communes.",
        referent_name="Direction des finances, 03 84 00 00 00", share_basis=ShareBasis.POPULATION,
    )  # fmt: skip
    biarne_convention = Convention.objects.filter(
        territory=territory, title="Mise à disposition du logiciel de gestion des cimetières"
    ).first()
    for code in CEMETERY_USERS:
        if not cemetery.subscriptions.filter(organisation=communes[code]).exists():
            biarne = code == "39051" and biarne_convention is not None
            subscription_create(
                software=cemetery, organisation=communes[code], start=date(2026 if code == "39051" else 2024, 1, 1),
                convention=biarne_convention if biarne else None, by=manager,
            )  # fmt: skip
    for code in FINANCE_USERS:
        if not finance.subscriptions.filter(organisation=communes[code]).exists():
            subscription_create(software=finance, organisation=communes[code], start=date(2026, 3, 1), by=manager)
    for year, amount in CEMETERY_MAINTENANCE.items():
        if not MaintenanceCost.objects.filter(software=cemetery, year=year).exists():
            maintenance_set(software=cemetery, year=year, amount=amount, by=manager)
    # 2025 is shared out; 2026 waits for the manager (Biarne's 2026 share is billed by activity.py).
    maintenance_post(software=cemetery, year=2025, by=manager)
    if not cemetery.trainings.exists():
        day = timezone.localdate() + timedelta(days=21)
        training = training_save(
            training=Training(
                software=cemetery, title="Prise en main de cart@CIM", place="Siège de l'Agglomération, Dole",
                starts_at=timezone.make_aware(datetime.combine(day, time(9, 30))), seats=10,
                description="Plans, concessions, registre ; une demi-journée, sur poste.",
            ),
            by=manager,
        )  # fmt: skip
        secretary = User.objects.get(email="secretaire.jouhe@mutualis.example")
        registration_create(
            training=training, organisation=communes["39270"], attendee=secretary.get_full_name(), by=secretary
        )
    jouhe = communes["39270"]
    for fields in RECORD_TEMPLATES.values():
        if not ProcessingActivity.objects.filter(organisation=jouhe, name=str(fields["name"])).exists():
            values = {name: str(value) for name, value in fields.items()}
            processing_save(
                activity=ProcessingActivity(organisation=jouhe, contact="Secrétariat de mairie de Jouhe", **values),
                by=manager,
            )
