import pytest

from mutualis.territory.models import Role
from mutualis.territory.tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def agent_user(epci_a):
    """Agathe, who works for the EPCI as an agent (of the replacement pool when she has an Agent row)."""
    user = UserFactory(email="agathe@example.org")
    MembershipFactory(user=user, organisation=epci_a, role=Role.AGENT)
    return user
