import pytest

from mutualis.network.tests.factories import PlanFactory, PlannedTrainingFactory, ProfileFactory, SessionFactory
from mutualis.territory.models import Role, Service
from mutualis.territory.tests.factories import MembershipFactory, UserFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def nina(epci_a):
    """The network and trainings' manager at the EPCI."""
    user = UserFactory(email="nina@example.org", first_name="Nina", last_name="Persona")
    MembershipFactory(user=user, organisation=epci_a, role=Role.SERVICE_MANAGER, service=Service.NETWORK)
    return user


@pytest.fixture
def paul(commune_a):
    """A technical agent of Jouhe, in the directory."""
    return ProfileFactory(organisation=commune_a, first_name="Paul", last_name="Vernier", category="technical")


@pytest.fixture
def lea(commune_b):
    """A technical agent of Foucherans."""
    return ProfileFactory(organisation=commune_b, first_name="Léa", last_name="Roussel", category="technical")


@pytest.fixture
def sst_session(territory_a, nina):
    plan = PlanFactory(territory=territory_a, created_by=nina)
    return SessionFactory(planned=PlannedTrainingFactory(plan=plan), created_by=nina)


@pytest.fixture
def jouhe_agents(commune_a):
    return [ProfileFactory(organisation=commune_a, last_name=f"Agent {n:02d}") for n in range(12)]
