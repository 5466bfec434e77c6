from datetime import date

from mutualis.agreements.models import Adhesion, Instrument
from mutualis.agreements.services import adhesion_create
from mutualis.territory.models import Service


def url_samples(base: dict) -> dict:
    adhesion = adhesion_create(
        organisation=base["commune_a"],
        service=Service.PREVENTION,
        start=date(2026, 1, 5),
        convention_instrument=Instrument.POOLING_OF_RESOURCES,
        object="Réseau de prévention",
    )
    return {Adhesion: adhesion}
