from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from mutualis.grants.models import (
    Application,
    Document,
    DocumentKind,
    Message,
    Opinion,
    Payment,
    PaymentKind,
    ProjectKind,
    Rules,
    Status,
)
from mutualis.territory.models import Body
from mutualis.territory.tests.factories import OrganisationFactory, TerritoryFactory, UserFactory

# The statuses a file passes through to reach each one (draft → submitted → scheduled → decided → paid).
SUBMITTED = {s for s in Status.values if s != Status.DRAFT}
SCHEDULED = {Status.SCHEDULED, Status.GRANTED, Status.REFUSED, Status.PAID, Status.LAPSED}
DECIDED = {Status.GRANTED, Status.REFUSED, Status.PAID, Status.LAPSED}
GRANTED = {Status.GRANTED, Status.PAID, Status.LAPSED}


def _today():
    return timezone.localdate()


class ProjectKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectKind
        django_get_or_create = ("territory", "name")

    territory = factory.SubFactory(TerritoryFactory)
    name = factory.Sequence(lambda n: f"Équipement sportif {n}")


class RulesFactory(factory.django.DjangoModelFactory):
    """This year's rules: 50 % of the cost HT, 10 000 € a file, no envelope, deliberation and quotes required."""

    class Meta:
        model = Rules
        skip_postgeneration_save = True
        django_get_or_create = ("territory", "year")

    territory = factory.SubFactory(TerritoryFactory)
    year = factory.LazyFunction(lambda: _today().year)
    rate = Decimal("50")
    file_ceiling = Decimal("10000")
    required_documents = factory.LazyFunction(lambda: [DocumentKind.DELIBERATION, DocumentKind.QUOTES])

    @factory.post_generation
    def eligible_kinds(self, create, kinds, **kwargs):
        if create and kinds:
            self.eligible_kinds.add(*kinds)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A file of this year, 40 000 € HT with 8 000 € of other subsidies, asking 10 000 €; the fields a
    file has at its `status` are filled (submitted_on, proposal, decision, works, actual cost)."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    territory = factory.SelfAttribute("organisation.territory")
    rules = factory.SubFactory(RulesFactory, territory=factory.SelfAttribute("..territory"))
    kind = factory.SubFactory(ProjectKindFactory, territory=factory.SelfAttribute("..territory"))
    title = factory.Sequence(lambda n: f"Rénovation de la salle des fêtes n° {n}")
    equipment = "Salle des fêtes"
    cost_ht = Decimal("40000")
    other_subsidies = Decimal("8000")
    amount_asked = Decimal("10000")
    works_start_planned = factory.LazyFunction(lambda: _today() + timedelta(days=90))
    works_end_planned = factory.LazyAttribute(lambda a: a.works_start_planned + timedelta(days=180))
    status = Status.DRAFT
    created_by = factory.SubFactory(UserFactory)
    submitted_on = factory.LazyAttribute(lambda a: _today() - timedelta(days=60) if a.status in SUBMITTED else None)
    proposed_amount = factory.LazyAttribute(lambda a: a.amount_asked if a.status in SCHEDULED else None)
    agenda_body = factory.LazyAttribute(lambda a: Body.BUREAU if a.status in SCHEDULED else "")
    agenda_date = factory.LazyAttribute(lambda a: _today() - timedelta(days=10) if a.status in SCHEDULED else None)
    decided_on = factory.LazyAttribute(
        lambda a: _today() - timedelta(days=800 if a.status == Status.LAPSED else 10) if a.status in DECIDED else None
    )
    decision_reference = factory.LazyAttribute(lambda a: "DEL-2026-001" if a.status in DECIDED else "")
    granted_amount = factory.LazyAttribute(lambda a: a.proposed_amount if a.status in GRANTED else None)
    refusal_reason = factory.LazyAttribute(
        lambda a: "Le projet ne porte pas sur un équipement." if a.status == Status.REFUSED else ""
    )
    works_started_on = factory.LazyAttribute(
        lambda a: _today() - timedelta(days=5) if a.status == Status.PAID else None
    )
    actual_cost = factory.LazyAttribute(lambda a: a.cost_ht if a.status == Status.PAID else None)
    lapsed_on = factory.LazyAttribute(lambda a: _today() if a.status == Status.LAPSED else None)

    @factory.post_generation
    def eligible(self, create, extracted, **kwargs):
        """The file's kind is eligible in its year's rules."""
        if create:
            self.rules.eligible_kinds.add(self.kind)


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    application = factory.SubFactory(ApplicationFactory)
    kind = DocumentKind.QUOTES
    file = factory.django.FileField(filename="devis.pdf", data=b"%PDF-1.4\n%%EOF\n")
    name = "devis.pdf"
    uploaded_by = factory.SubFactory(UserFactory)


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    application = factory.SubFactory(ApplicationFactory, status=Status.SUBMITTED)
    author = factory.SubFactory(UserFactory)
    text = "Merci de joindre les devis."


class OpinionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opinion

    application = factory.SubFactory(ApplicationFactory, status=Status.SUBMITTED)
    service = "Service technique"
    favourable = True
    text = "Projet conforme."
    author = factory.SubFactory(UserFactory)


class PaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Payment

    application = factory.SubFactory(ApplicationFactory, status=Status.GRANTED)
    kind = PaymentKind.ADVANCE
    amount = Decimal("3000")
    paid_on = factory.LazyFunction(_today)
    recorded_by = factory.SubFactory(UserFactory)
