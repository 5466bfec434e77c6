from datetime import date
from decimal import Decimal

import pytest

from mutualis.agreements.models import Convention, Status
from mutualis.commonservices import services
from mutualis.commonservices.models import CommonService, CostKind, CostSheet, Rhythm, Source
from mutualis.territory.models import Role, Service
from mutualis.territory.tests.factories import MembershipFactory, UserFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def colin(epci_a):
    """The services communs' manager at the EPCI."""
    user = UserFactory(email="colin@example.org", first_name="Colin", last_name="Persona")
    MembershipFactory(user=user, organisation=epci_a, role=Role.SERVICE_MANAGER, service=Service.COMMON_SERVICES)
    return user


@pytest.fixture
def permits(territory_a, epci_a):
    """Planning permits instruction, invoiced quarterly, per act instructed."""
    return services.service_save(
        service=CommonService(
            territory=territory_a,
            name="Instruction des autorisations d'urbanisme",
            description="Instruction des permis de construire, déclarations préalables et certificats.",
            audience="Communes dotées d'un document d'urbanisme",
            unit="acte instruit",
            rhythm=Rhythm.QUARTERLY,
            convention_model="l'instruction des autorisations et actes relatifs à l'occupation des sols",
        )
    )


def sign(adhesion):
    """The adhesion's convention, signed by every party (the agreements app's own flow is tested there)."""
    Convention.objects.filter(pk=adhesion.convention_id).update(status=Status.SIGNED, signed_on=adhesion.start)
    adhesion.convention.refresh_from_db()
    return adhesion


def join(service, organisation, expected, start=date(2025, 1, 1), signed=True):
    adhesion = services.service_join(
        service=service, organisation=organisation, start=start, expected_units=Decimal(expected)
    )
    return sign(adhesion) if signed else adhesion


def sheet(service, year, source, units, lines):
    """A cost sheet with its lines: {kind: amount}."""
    cost_sheet = services.cost_sheet_save(
        sheet=CostSheet(service=service, year=year, source=source, total_units=Decimal(units))
    )
    for kind, amount in lines.items():
        services.cost_line_add(sheet=cost_sheet, kind=kind, label=CostKind(kind).label, amount=Decimal(amount))
    return cost_sheet


@pytest.fixture
def budget_2025(permits):
    """140,000 € for 700 acts: 200 € an act."""
    return sheet(
        permits,
        2025,
        Source.BUDGET,
        700,
        {CostKind.STAFF: "120000", CostKind.SUPPLIES: "6000", CostKind.RENEWAL: "4000", CostKind.CONTRACTS: "10000"},
    )


@pytest.fixture
def accounts_2025(permits):
    """146,500 € for 730 acts actually instructed."""
    return sheet(
        permits,
        2025,
        Source.ACCOUNTS,
        730,
        {CostKind.STAFF: "126000", CostKind.SUPPLIES: "5500", CostKind.RENEWAL: "4000", CostKind.CONTRACTS: "11000"},
    )
