from datetime import date
from decimal import Decimal

import factory

from mutualis.billing.models import Charge
from mutualis.core.money import amount as amount_of
from mutualis.territory.models import Service
from mutualis.territory.tests.factories import OrganisationFactory


class ChargeFactory(factory.django.DjangoModelFactory):
    """A posted charge; the territory follows the organisation and the amount is computed."""

    class Meta:
        model = Charge

    organisation = factory.SubFactory(OrganisationFactory)
    territory = factory.SelfAttribute("organisation.territory")
    service = Service.EQUIPMENT
    label = factory.Sequence(lambda n: f"Prêt de matériel n° {n}")
    quantity = Decimal("2")
    unit_price = Decimal("15.50")
    amount = factory.LazyAttribute(lambda charge: amount_of(charge.quantity, charge.unit_price))
    date = date(2025, 3, 14)
