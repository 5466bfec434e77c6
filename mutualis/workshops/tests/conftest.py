import pytest

from mutualis.territory.models import Role, Service
from mutualis.territory.tests.factories import MembershipFactory, UserFactory
from mutualis.workshops.tests.factories import SeriesFactory, SessionFactory


@pytest.fixture
def wanda(epci_a):
    """The digital workshops' manager at the EPCI."""
    user = UserFactory(email="wanda@example.org", first_name="Wanda", last_name="Persona")
    MembershipFactory(user=user, organisation=epci_a, role=Role.SERVICE_MANAGER, service=Service.WORKSHOPS)
    return user


@pytest.fixture
def series(commune_a, wanda):
    """A series in Jouhe, run by the town-hall secretaries and the agglomeration's agents."""
    return SeriesFactory(organisation=commune_a, created_by=wanda, title="Faire ses démarches de santé en ligne")


@pytest.fixture
def session(series):
    """Published, a week from now, 8 seats."""
    return SessionFactory(series=series)
