"""Open data: awarded contracts in the format of the données essentielles de la commande
publique (DECP v2.0.3, schema copied in data/decp/, public domain).

A record is what was published on its publication day; later changes are listed in its
`modifications`, never written over it. The buyer is the coordinator of the purchasing
group: the territory's SIRET.
"""

from __future__ import annotations

from decimal import Decimal

from mutualis.purchasing.models import Award
from mutualis.territory.models import Territory

SCHEMA_PATH = "data/decp/schema_decp_v2.0.3.json"


def number(amount: Decimal) -> float | int:
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def awards_to_publish(territory: Territory):
    return (
        Award.objects.filter(lot__consultation__territory=territory, published_on__isnull=False)
        .select_related("lot__consultation")
        .prefetch_related("modifications")
        .order_by("published_on", "pk")
    )


def place_of(territory: Territory) -> dict:
    """The coordinator's (the EPCI's) commune, else its postal code, else France."""
    coordinator = territory.epci()
    if coordinator.insee_code:
        return {"code": coordinator.insee_code, "typeCode": "Code commune"}
    if coordinator.postal_code:
        return {"code": coordinator.postal_code, "typeCode": "Code postal"}
    return {"code": "FR", "typeCode": "Code pays"}


def record(award: Award, territory: Territory) -> dict:
    consultation = award.lot.consultation
    data = {
        "id": award.decp_id,
        "acheteur": {"id": territory.siret},
        "nature": "Marché",
        "objet": f"{consultation.title} – {award.lot}"[:1000],
        "codeCPV": consultation.cpv_code,
        "techniques": {"technique": ["Accord-cadre"]},
        "modalitesExecution": {"modaliteExecution": ["Bons de commande"]},
        "marcheInnovant": False,
        "ccag": "Fournitures courantes et services",
        "offresRecues": award.offers_received,
        "attributionAvance": False,
        "typeGroupementOperateurs": "Pas de groupement",
        "sousTraitanceDeclaree": False,
        "procedure": award.procedure,
        "lieuExecution": place_of(territory),
        "dureeMois": award.duration_months,
        "dateNotification": award.notified_on.isoformat(),
        "datePublicationDonnees": award.published_on.isoformat(),
        "montant": number(award.amount),
        "typesPrix": {"typePrix": ["Définitif révisable"]},
        "formePrix": "Unitaire",
        "titulaires": [{"titulaire": {"typeIdentifiant": "SIRET", "id": award.supplier_siret}}],
        "considerationsSociales": {"considerationSociale": ["Pas de considération sociale"]},
        "considerationsEnvironnementales": {"considerationEnvironnementale": ["Pas de considération environnementale"]},
    }
    modifications = [_modification(modification) for modification in award.modifications.all()]
    if modifications:
        data["modifications"] = modifications
    return data


def _modification(modification) -> dict:
    data: dict = {
        "id": modification.number,
        "dateNotificationModification": modification.notified_on.isoformat(),
        "datePublicationDonneesModification": modification.published_on.isoformat(),
    }
    if modification.duration_months:
        data["dureeMois"] = modification.duration_months
    if modification.amount is not None:
        data["montant"] = number(modification.amount)
    if modification.supplier_siret:
        data["titulaires"] = [{"titulaire": {"typeIdentifiant": "SIRET", "id": modification.supplier_siret}}]
    return {"modification": data}


def decp_export(territory: Territory) -> dict:
    return {"marches": {"marche": [record(award, territory) for award in awards_to_publish(territory)]}}
