from datetime import date

import factory

from mutualis.agreements.models import Adhesion
from mutualis.steering.models import (
    Action,
    Adjustment,
    CostLine,
    DueKind,
    IndicatorDefinition,
    Milestone,
    Scheme,
)
from mutualis.territory.tests.factories import OrganisationFactory, TerritoryFactory


class SchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scheme

    territory = factory.SubFactory(TerritoryFactory)
    title = "Schéma de mutualisation des services"
    start_year = 2021
    end_year = 2026


class ActionFactory(factory.django.DjangoModelFactory):
    """An action of the schéma steering no service, not launched."""

    class Meta:
        model = Action

    scheme = factory.SubFactory(SchemeFactory)
    number = factory.Sequence(lambda n: n + 10)  # clear of the numbers tests give
    title = "Mettre en commun et partager le matériel technique"


class MilestoneFactory(factory.django.DjangoModelFactory):
    """Due in the 4th quarter of 2021."""

    class Meta:
        model = Milestone

    action = factory.SubFactory(ActionFactory)
    title = "Publication de la liste des biens pouvant être mis à disposition"
    due_kind = DueKind.QUARTER
    due_start = date(2021, 10, 1)
    due_end = date(2022, 1, 1)


class AdhesionFactory(factory.django.DjangoModelFactory):
    """An open adhesion, without convention, as the participations carried over became."""

    class Meta:
        model = Adhesion

    organisation = factory.SubFactory(OrganisationFactory)
    territory = factory.SelfAttribute("organisation.territory")
    service = "replacement"
    start = date(2022, 1, 1)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorDefinition

    action = factory.SubFactory(ActionFactory)
    label = "Agents formés"
    unit = "agents"


class CostLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CostLine

    action = factory.SubFactory(ActionFactory)
    year = 2025
    label = "Entretien du parc"
    amount = 1000


class AdjustmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Adjustment

    action = factory.SubFactory(ActionFactory)
    kind = "calendar"
    text = "Reporter la publication d'un trimestre."
    proposed_on = date(2021, 11, 15)
