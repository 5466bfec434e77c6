from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mutualis.agreements.services import convention_send, convention_sign
from mutualis.digital.tests.factories import SoftwareFactory
from mutualis.territory.models import Role, Service
from mutualis.territory.tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def nina(epci_a):
    """The manager of the digital service, at the EPCI."""
    user = UserFactory(email="nina@example.org", first_name="Nina", last_name="Persona")
    MembershipFactory(user=user, organisation=epci_a, role=Role.SERVICE_MANAGER, service=Service.DIGITAL)
    return user


@pytest.fixture
def software(territory_a, epci_a):
    """The cemetery-management software the EPCI bought, shared in equal parts."""
    return SoftwareFactory(
        territory=territory_a, name="Cart@CIM", publisher="Cart@DS", purpose="Gestion des cimetières"
    )


@pytest.fixture
def sign(settings, tmp_path, eve):
    """Send and sign a convention, with a scan: `sign(convention)`."""
    settings.MEDIA_ROOT = tmp_path / "media"

    def signed(convention):
        convention_send(convention=convention, by=eve)
        scan = SimpleUploadedFile("signee.pdf", b"%PDF-1.4 signed", content_type="application/pdf")
        return convention_sign(convention=convention, signed_on=date(2025, 2, 20), signed_scan=scan, by=eve)

    return signed
