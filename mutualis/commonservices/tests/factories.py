from datetime import date
from decimal import Decimal

import factory

from mutualis.commonservices.models import (
    CommissionMeeting,
    CommonService,
    CostKind,
    CostLine,
    CostSheet,
    Source,
    UnitUse,
)
from mutualis.territory.tests.factories import OrganisationFactory, TerritoryFactory


class CommonServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommonService

    territory = factory.SubFactory(TerritoryFactory)
    name = factory.Sequence(lambda n: f"Service commun n° {n}")
    description = "Instruction des autorisations d'urbanisme."
    audience = "Toutes les communes"
    unit = "acte instruit"
    convention_model = "l'instruction des autorisations d'urbanisme"


class CostSheetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CostSheet

    service = factory.SubFactory(CommonServiceFactory)
    year = 2026
    source = Source.BUDGET
    total_units = Decimal("100")


class CostLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CostLine

    sheet = factory.SubFactory(CostSheetFactory)
    kind = CostKind.STAFF
    label = "Instructeurs"
    amount = Decimal("20000")


class UnitUseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitUse

    service = factory.SubFactory(CommonServiceFactory)
    organisation = factory.SubFactory(OrganisationFactory, territory=factory.SelfAttribute("..service.territory"))
    day = date(2026, 2, 2)
    units = Decimal("3")


class CommissionMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommissionMeeting

    territory = factory.SubFactory(TerritoryFactory)
    day = date(2026, 2, 10)
    agenda = "Bilan 2025 des services communs"
    minutes = factory.django.FileField(filename="compte-rendu.pdf", data=b"%PDF-1.4\n%%EOF\n")
    minutes_name = "compte-rendu.pdf"
