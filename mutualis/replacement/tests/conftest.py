from datetime import date
from decimal import Decimal

import pytest

from mutualis.replacement.services import adhesion_create, request_create
from mutualis.replacement.tests.factories import AgentFactory, TariffFactory, in_days, signed
from mutualis.territory.models import Role, Service
from mutualis.territory.tests.factories import MembershipFactory, UserFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Signed scans go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def remy(epci_a):
    """Rémy, manager of the replacement service at the EPCI."""
    user = UserFactory(email="remy@example.org", first_name="Rémy", last_name="Persona")
    MembershipFactory(user=user, organisation=epci_a, role=Role.SERVICE_MANAGER, service=Service.REPLACEMENT)
    return user


@pytest.fixture
def tariff(territory_a):
    """25 € an hour and 0.35 € a kilometre since long ago."""
    return TariffFactory(territory=territory_a, valid_from=date(2020, 1, 1))


@pytest.fixture
def adhering_a(commune_a, epci_a, tariff):
    """Commune A adheres to the service, its convention signed."""
    adhesion = adhesion_create(organisation=commune_a, start=in_days(-30))
    signed(adhesion.convention)
    return adhesion


@pytest.fixture
def nadia(commune_b, epci_a):
    """Nadia, a full-time secretary of the pool living in commune B, with her login."""
    user = UserFactory(email="nadia@example.org", first_name="Nadia", last_name="Persona")
    MembershipFactory(user=user, organisation=epci_a, role=Role.AGENT)
    agent = AgentFactory(home=commune_b, name="Nadia Lambert", user=user)
    agent.skills.create(skill="civil_status", level=3)
    agent.skills.create(skill="accounting", level=2)
    return agent


@pytest.fixture
def ask(adhering_a, commune_a, bob):
    """Commune A asks for a replacement: `ask(start=…, end=…, **other fields)`."""

    def make(**fields):
        return request_create(
            **{
                "organisation": commune_a,
                "motive": "sick_leave",
                "start": in_days(7),
                "end": in_days(35),
                "weekdays": [0, 1, 2, 3],
                "weekly_hours": Decimal("20"),
                "skills": ["civil_status"],
                "created_by": bob,
                **fields,
            }
        )

    return make
