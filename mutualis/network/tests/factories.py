from datetime import date, datetime, timedelta
from decimal import Decimal
from io import BytesIO
from zoneinfo import ZoneInfo

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from mutualis.network.models import (
    Body,
    Census,
    Certificate,
    CertificateKind,
    Enrolment,
    Meeting,
    MeetingKind,
    News,
    NewsStatus,
    PlannedTraining,
    Profile,
    Provider,
    Registration,
    TrainingPlan,
    TrainingSession,
    TrainingTheme,
)
from mutualis.territory.tests.factories import OrganisationFactory, UserFactory


def photo_upload(name: str = "portrait.jpg") -> SimpleUploadedFile:
    stream = BytesIO()
    Image.new("RGB", (24, 32), (120, 90, 60)).save(stream, "JPEG")
    return SimpleUploadedFile(name, stream.getvalue(), content_type="image/jpeg")


def pdf_upload(name: str = "compte-rendu.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    organisation = factory.SubFactory(OrganisationFactory)
    territory = factory.SelfAttribute("organisation.territory")
    first_name = factory.Sequence(lambda n: f"Agent{n}")
    last_name = "Martin"
    job_title = "Agent technique polyvalent"


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body
        django_get_or_create = ("territory", "name")

    name = "Conférence des secrétaires de mairie"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    territory = factory.SelfAttribute("body.territory")
    kind = MeetingKind.CONFERENCE
    title = "Dématérialisation des autorisations d'urbanisme"
    starts_at = datetime(2026, 4, 2, 14, tzinfo=ZoneInfo("Europe/Paris"))
    place = "Salle du conseil communautaire"
    audience_roles = factory.LazyFunction(lambda: ["secretary"])
    created_by = factory.SubFactory(UserFactory)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    meeting = factory.SubFactory(MeetingFactory)
    profile = factory.SubFactory(ProfileFactory)
    registered_by = factory.SubFactory(UserFactory)


class NewsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = News

    organisation = factory.SubFactory(OrganisationFactory)
    territory = factory.SelfAttribute("organisation.territory")
    title = "Nouvelle permanence du service urbanisme"
    text = "Le service urbanisme reçoit les secrétaires le mardi matin."
    status = NewsStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: datetime(2026, 3, 10, 9, tzinfo=ZoneInfo("Europe/Paris")))
    created_by = factory.SubFactory(UserFactory)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingTheme
        django_get_or_create = ("territory", "name")

    name = "Hygiène, santé et sécurité au travail"


class CensusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Census
        django_get_or_create = ("territory", "year")

    year = 2026


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingPlan

    title = "Plan de formation mutualisé 2026-2028"
    first_year = 2026
    last_year = 2028
    created_by = factory.SubFactory(UserFactory)


class PlannedTrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlannedTraining

    plan = factory.SubFactory(PlanFactory)
    theme = factory.SubFactory(ThemeFactory, territory=factory.SelfAttribute("..plan.territory"))
    title = "Sauveteur secouriste du travail"
    provider = Provider.PRIVATE
    provider_name = "Croix-Blanche du Jura"
    year = 2026
    target_agents = 20
    budget = Decimal("2400")
    certificate_kind = CertificateKind.SST


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingSession

    planned = factory.SubFactory(PlannedTrainingFactory)
    territory = factory.SelfAttribute("planned.plan.territory")
    starts_on = date(2026, 4, 13)
    ends_on = factory.LazyAttribute(lambda session: session.starts_on + timedelta(days=1))
    place = "Salle des fêtes de Jouhe"
    trainer = "Croix-Blanche du Jura"
    seats = 10
    cost = Decimal("1200")
    created_by = factory.SubFactory(UserFactory)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    session = factory.SubFactory(SessionFactory)
    profile = factory.SubFactory(ProfileFactory)
    registered_by = factory.SubFactory(UserFactory)


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    profile = factory.SubFactory(ProfileFactory)
    territory = factory.SelfAttribute("profile.territory")
    organisation = factory.SelfAttribute("profile.organisation")
    kind = CertificateKind.SST
    issued_on = date(2024, 5, 20)
    valid_until = date(2026, 5, 20)
