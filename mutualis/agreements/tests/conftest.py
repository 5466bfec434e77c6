from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mutualis.agreements.models import Instrument
from mutualis.agreements.services import convention_create, convention_send, convention_sign
from mutualis.core.tests.uploads import PDF, upload

PDF_BYTES = PDF


def scan(name: str = "convention-signee.pdf", content: bytes | None = None) -> SimpleUploadedFile:
    return upload(name, content)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def convention(territory_a, epci_a, commune_a, eve):
    """A draft loan convention between the EPCI and commune A, created by eve."""
    return convention_create(
        territory=territory_a,
        instrument=Instrument.POOLING_OF_RESOURCES,
        title="Prêt de la remorque porte-engins",
        object="Prêt d'une remorque porte-engins de 3,5 t",
        parties=[(epci_a, "prêteur"), (commune_a, "emprunteur")],
        start=date(2025, 3, 1),
        end=date(2025, 4, 1),
        amount=Decimal("1250.00"),
        amount_description="forfait de mise à disposition",
        created_by=eve,
    )


@pytest.fixture
def sent(convention, eve):
    return convention_send(convention=convention, by=eve)


@pytest.fixture
def signed(sent, eve):
    return convention_sign(convention=sent, signed_on=date(2025, 2, 20), signed_scan=scan(), by=eve)
