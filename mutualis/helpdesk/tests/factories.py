from datetime import timedelta

import factory
from django.utils import timezone

from mutualis.helpdesk.models import Article, ArticleStatus, Message, Request, Topic
from mutualis.territory.models import Service
from mutualis.territory.tests.factories import OrganisationFactory, UserFactory


class RequestFactory(factory.django.DjangoModelFactory):
    """A new legal question, routed to the expertise desk, asked today."""

    class Meta:
        model = Request

    organisation = factory.SubFactory(OrganisationFactory)
    territory = factory.SelfAttribute("organisation.territory")
    topic = Topic.LEGAL
    service = Service.HELPDESK
    subject = factory.Sequence(lambda n: f"Question juridique n° {n}")
    question = "Le conseil municipal peut-il délibérer sans quorum ?"
    created_by = factory.SubFactory(UserFactory)
    created_on = factory.LazyFunction(timezone.localdate)
    first_response_due = factory.LazyAttribute(lambda r: r.created_on + timedelta(days=2))
    resolution_due = factory.LazyAttribute(lambda r: r.created_on + timedelta(days=14))


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    request = factory.SubFactory(RequestFactory)
    author = factory.SubFactory(UserFactory)
    from_expert = True
    body = "Voici notre réponse."


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article."""

    class Meta:
        model = Article

    territory = factory.SubFactory("mutualis.territory.tests.factories.TerritoryFactory")
    topic = Topic.LEGAL
    title = factory.Sequence(lambda n: f"Article n° {n}")
    body = "Une réponse utile."
    status = ArticleStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
