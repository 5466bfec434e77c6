from decimal import Decimal

import pytest

from mutualis.purchasing.tests.factories import ArticleFactory, ClubAdhesionFactory, ConsultationFactory, LotFactory
from mutualis.territory.models import Role, Service
from mutualis.territory.tests.factories import MembershipFactory as SeatFactory
from mutualis.territory.tests.factories import UserFactory


@pytest.fixture
def paula(epci_a):
    """The purchasing manager of territory A."""
    user = UserFactory(email="paula@example.org", first_name="Paula", last_name="Persona")
    SeatFactory(user=user, organisation=epci_a, role=Role.SERVICE_MANAGER, service=Service.PURCHASING)
    return user


@pytest.fixture
def members(commune_a, commune_b):
    """Communes A and B adhere to the club."""
    return [ClubAdhesionFactory(organisation=commune_a), ClubAdhesionFactory(organisation=commune_b)]


@pytest.fixture
def consultation(territory_a, members):
    """An open census: lot 1 'Papier' with two articles."""
    consultation = ConsultationFactory(territory=territory_a, census=True, title="Fournitures de bureau")
    lot = LotFactory(consultation=consultation, number=1, title="Papier")
    ArticleFactory(lot=lot, name="Ramette A4 80 g", unit="ramette")
    ArticleFactory(lot=lot, name="Ramette A3 80 g", unit="ramette")
    return consultation


@pytest.fixture
def articles(consultation):
    return list(consultation.lots.get().articles.order_by("pk"))


PRICE = Decimal("4.2000")
