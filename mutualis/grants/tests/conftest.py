from datetime import date
from decimal import Decimal

import pytest

from mutualis.grants import services
from mutualis.grants.models import Application, DocumentKind, ProjectKind, Rules
from mutualis.territory.models import Role, Service
from mutualis.territory.tests.factories import MembershipFactory, UserFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def gina(epci_a):
    """The fonds de concours' manager at the EPCI."""
    user = UserFactory(email="gina@example.org", first_name="Gina", last_name="Persona")
    MembershipFactory(user=user, organisation=epci_a, role=Role.SERVICE_MANAGER, service=Service.GRANTS)
    return user


@pytest.fixture
def school_works(territory_a):
    return ProjectKind.objects.create(territory=territory_a, name="Bâtiments scolaires")


@pytest.fixture
def rules_2026(territory_a, school_works):
    """50 % of the cost HT, 10,000 € a file, a deliberation and quotes required, 24 months to start."""
    rules = Rules.objects.create(
        territory=territory_a,
        year=2026,
        file_ceiling=Decimal("10000"),
        minimum_amount=Decimal("400"),
        required_documents=[DocumentKind.DELIBERATION, DocumentKind.QUOTES],
    )
    rules.eligible_kinds.add(school_works)
    return rules


@pytest.fixture
def draft(commune_a, bob, rules_2026, school_works):
    """Jouhe's school roof: 30,000 € HT, 6,000 € of other subsidies, 8,000 € asked."""

    def make(organisation=commune_a, by=bob, **fields) -> Application:
        values = {
            "title": "Réfection de la toiture de l'école",
            "equipment": "École communale",
            "cost_ht": Decimal("30000"),
            "other_subsidies": Decimal("6000"),
            "amount_asked": Decimal("8000"),
            "works_start_planned": date(2026, 6, 1),
            "works_end_planned": date(2026, 9, 1),
            "kind": school_works,
            **fields,
        }
        application = Application(organisation=organisation, rules=rules_2026, **values)
        return services.application_save(application=application, by=by)

    return make
