from datetime import date
from decimal import Decimal

import factory

from mutualis.agreements.models import Adhesion
from mutualis.digital.models import LegalBasis, MaintenanceCost, ProcessingActivity, Software
from mutualis.territory.models import Service
from mutualis.territory.tests.factories import OrganisationFactory, TerritoryFactory


class SoftwareFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Software

    territory = factory.SubFactory(TerritoryFactory)
    name = factory.Sequence(lambda n: f"Logiciel n° {n}")
    publisher = "Éditeur public"
    purpose = "Gestion administrative"


class SoftwareAdhesionFactory(factory.django.DjangoModelFactory):
    """An organisation using a software: its adhesion written directly, without a convention
    (`services.software_user_add` drafts one). `software=` gives the subject."""

    class Meta:
        model = Adhesion
        exclude = ["software"]

    software = factory.SubFactory(SoftwareFactory)
    territory = factory.SelfAttribute("software.territory")
    organisation = factory.SubFactory(OrganisationFactory, territory=factory.SelfAttribute("..software.territory"))
    service = Service.DIGITAL
    subject = factory.SelfAttribute("software")
    start = date(2020, 1, 1)


class MaintenanceCostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MaintenanceCost

    software = factory.SubFactory(SoftwareFactory)
    year = 2026
    amount = Decimal("1000.00")


class ProcessingActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcessingActivity

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Traitement {n}")
    purposes = "Gestion des listes électorales"
    legal_basis = LegalBasis.LEGAL_OBLIGATION
    data_subjects = "Électeurs"
    data_categories = "Identité, adresse"
    recipients = "INSEE, préfecture"
    retention = "Durée de l'inscription"
    security_measures = "Accès nominatif"
    contact = "Secrétariat de mairie"
