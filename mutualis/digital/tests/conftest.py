import pytest

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
