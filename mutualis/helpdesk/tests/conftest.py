from datetime import date
from decimal import Decimal

import pytest

from mutualis.helpdesk.models import HourlyRate
from mutualis.territory.models import Role, Service
from mutualis.territory.tests.factories import MembershipFactory, UserFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def xavier(epci_a):
    """The expertise desk's manager at the EPCI."""
    user = UserFactory(email="xavier@example.org", first_name="Xavier", last_name="Persona")
    MembershipFactory(user=user, organisation=epci_a, role=Role.SERVICE_MANAGER, service=Service.HELPDESK)
    return user


@pytest.fixture
def nina(epci_a):
    """The digital service's manager at the EPCI (IT and RGPD questions)."""
    user = UserFactory(email="nina@example.org", first_name="Nina", last_name="Persona")
    MembershipFactory(user=user, organisation=epci_a, role=Role.SERVICE_MANAGER, service=Service.DIGITAL)
    return user


@pytest.fixture
def rate_a(territory_a):
    """60 € an hour since 2020."""
    return HourlyRate.objects.create(territory=territory_a, valid_from=date(2020, 1, 1), rate=Decimal("60.00"))
