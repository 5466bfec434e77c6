from decimal import Decimal

import pytest

from mutualis.equipment.models import LendingRules
from mutualis.equipment.services import request_create
from mutualis.equipment.tests.factories import CategoryFactory, ItemFactory, in_days


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def rules_a(commune_a):
    """Commune A's lending rules: no buffer, no maximum, a year ahead, no notice."""
    return LendingRules.objects.create(organisation=commune_a)


@pytest.fixture
def item(commune_a, rules_a, bob):
    """Commune A's trailer, bob its contact, 12.50 € a day and a 150 € deposit."""
    return ItemFactory(
        owner=commune_a,
        category=CategoryFactory(territory=commune_a.territory, name="Voirie"),
        name="Remorque porte-engins",
        daily_fee=Decimal("12.50"),
        deposit=Decimal("150.00"),
        declared_value=Decimal("4200.00"),
        conditions="Rendre la remorque propre.",
        contact=bob,
    )


@pytest.fixture
def ask(item, commune_b, charlie):
    """Commune B asks for the trailer: `ask(start=in_days(7), end=in_days(10), **other fields)`."""

    def make(start=None, end=None, **fields):
        start = start or in_days(7)
        return request_create(
            **{
                "borrower": commune_b,
                "item": item,
                "start": start,
                "end": end or start + (in_days(3) - in_days(0)),
                "purpose": "Transport d'une mini-pelle",
                "contact": charlie,
                "created_by": charlie,
                **fields,
            }
        )

    return make
