"""A little activity for the demo: the conventions other loaders build on (the Club Acheteurs,
the cemetery software), created through the services and only once (found again by title)."""

from __future__ import annotations

from datetime import date

from mutualis.accounts.models import User
from mutualis.agreements.models import Convention, Instrument
from mutualis.agreements.services import convention_create, convention_send
from mutualis.territory.models import Organisation, Territory


def ensure_convention(territory: Territory, title: str, **fields) -> Convention:
    existing = Convention.objects.filter(territory=territory, title=title).first()
    return existing or convention_create(territory=territory, title=title, **fields)


def load_activity(territory: Territory, epci: Organisation, communes: dict[str, Organisation]) -> None:
    coordinator = User.objects.get(email="coordination@mutualis.example")
    by_name = {o.name: o for o in territory.organisations.all()}
    buying_members = [by_name["Syndicat Mixte de la Grande Tablée"], by_name["SIVOS du Val des Anges"],
                      by_name["CCAS de Dole"], communes["39270"], communes["39233"], communes["39405"]]  # fmt: skip
    club = ensure_convention(
        territory,
        "Groupement de commandes permanent « Club Acheteurs »",
        instrument=Instrument.JOINT_PURCHASING,
        object="Mise en commun des besoins des membres pour des consultations groupées "
        "(copieurs et imprimantes, vidéo-protection, fournitures administratives).",
        parties=[(epci, "coordonnateur")] + [(member, "membre") for member in buying_members],
        start=date(2026, 1, 1),
        created_by=coordinator,
    )
    if club.status == "draft":
        convention_send(convention=club, by=coordinator)

    ensure_convention(
        territory,
        "Mise à disposition du logiciel de gestion des cimetières",
        instrument=Instrument.POOLING_OF_RESOURCES,
        object="Accès au logiciel de gestion administrative des cimetières acquis par l'EPCI.",
        parties=[(epci, "propriétaire"), (communes["39051"], "utilisatrice")],
        start=date(2026, 1, 1),
        created_by=coordinator,
    )
