from datetime import date

from django.core.files.base import ContentFile

from mutualis.agreements.models import Adhesion, ConventionParty, Instrument, SignatureWaiver, Status
from mutualis.agreements.services import adhesion_create
from mutualis.agreements.tests.factories import ConventionFactory
from mutualis.territory.models import Service


def url_samples(base: dict) -> dict:
    adhesion = adhesion_create(
        organisation=base["commune_a"],
        service=Service.PREVENTION,
        start=date(2026, 1, 5),
        convention_instrument=Instrument.POOLING_OF_RESOURCES,
        object="Réseau de prévention",
    )
    # A sent convention between the EPCI and commune A, signed by commune A (on a scan), with a waiver.
    convention = ConventionFactory(
        territory=base["commune_a"].territory, parties=[base["epci_a"], base["commune_a"]], status=Status.SENT
    )
    party = convention.convention_parties.get(organisation=base["commune_a"])
    party.signed_on = date(2026, 1, 5)
    party.signed_scan.save("signee.pdf", ContentFile(b"%PDF-1.4 signed"))
    return {
        Adhesion: adhesion,
        ConventionParty: party,
        SignatureWaiver: SignatureWaiver.objects.create(
            convention=convention, reason="Délibération prévue le 12 mai", granted_by=base["alice"]
        ),
    }
