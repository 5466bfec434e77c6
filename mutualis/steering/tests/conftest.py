import pytest

from mutualis.steering.tests.factories import ActionFactory, SchemeFactory
from mutualis.territory.models import Service


@pytest.fixture
def scheme(territory_a):
    return SchemeFactory(territory=territory_a)


@pytest.fixture
def action(scheme):
    """Action 3 of territory A's 2021-2026 schéma, steering the shared equipment, not launched."""
    return ActionFactory(scheme=scheme, number=3, service=Service.EQUIPMENT)
