import pytest

from mutualis.facilities.tests.factories import FacilityFactory
from mutualis.territory.models import Role, Service
from mutualis.territory.tests.factories import MembershipFactory, UserFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def hugo(epci_a):
    """The expertise desk's manager at the EPCI: the cell's inspector."""
    user = UserFactory(email="hugo@example.org", first_name="Hugo", last_name="Persona")
    MembershipFactory(user=user, organisation=epci_a, role=Role.SERVICE_MANAGER, service=Service.HELPDESK)
    return user


@pytest.fixture
def goal(commune_a):
    """Jouhe's football goal at the municipal stadium."""
    return FacilityFactory(owner=commune_a, name="But nord du stade", address="Stade municipal, Jouhe")
