from datetime import timedelta

import factory
from django.utils import timezone

from mutualis.facilities.models import (
    Compliance,
    Facility,
    FacilityKind,
    Inspection,
    InspectionKind,
    InspectionPlan,
    PeriodUnit,
)
from mutualis.territory.tests.factories import OrganisationFactory, UserFactory


def days_ago(days: int):
    return timezone.localdate() - timedelta(days=days)


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facility

    owner = factory.SubFactory(OrganisationFactory)
    kind = FacilityKind.FOOTBALL_GOAL
    name = factory.Sequence(lambda n: f"But de football n° {n}")
    address = "Stade municipal, rue du Stade"


class PlanFactory(factory.django.DjangoModelFactory):
    """A yearly main inspection, first due today; `next_due_on` as the service would set it."""

    class Meta:
        model = InspectionPlan

    facility = factory.SubFactory(FacilityFactory)
    territory = factory.SelfAttribute("facility.territory")
    kind = InspectionKind.MAIN
    every = 12
    unit = PeriodUnit.MONTHS
    starts_on = factory.LazyFunction(timezone.localdate)
    next_due_on = factory.SelfAttribute("starts_on")


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection

    facility = factory.SubFactory(FacilityFactory)
    territory = factory.SelfAttribute("facility.territory")
    kind = InspectionKind.MAIN
    inspected_on = factory.LazyFunction(lambda: days_ago(10))
    inspector = factory.SubFactory(UserFactory)
    findings = "Fixations et filets en bon état."
    compliance = Compliance.COMPLIANT
