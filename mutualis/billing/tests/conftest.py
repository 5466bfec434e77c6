import pytest

from mutualis.territory.models import Role, Service
from mutualis.territory.tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def sam(epci_a):
    """Manager of the billing service at the EPCI of territory A."""
    user = UserFactory(email="sam@example.org", first_name="Sam")
    MembershipFactory(user=user, organisation=epci_a, role=Role.SERVICE_MANAGER, service=Service.BILLING)
    return user


@pytest.fixture
def ed(epci_a):
    """Manager of the shared equipment service at the EPCI of territory A."""
    user = UserFactory(email="ed@example.org", first_name="Ed")
    MembershipFactory(user=user, organisation=epci_a, role=Role.SERVICE_MANAGER, service=Service.EQUIPMENT)
    return user
