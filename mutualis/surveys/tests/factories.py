import secrets

import factory
from django.utils import timezone

from mutualis.surveys.models import Choice, Invitation, Question, QuestionKind, Survey, SurveyStatus
from mutualis.territory.tests.factories import MembershipFactory, TerritoryFactory, UserFactory


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    territory = factory.SubFactory(TerritoryFactory)
    title = factory.Sequence(lambda n: f"Consultation des élus n° {n}")
    introduction = "Vos besoins de mutualisation."
    status = SurveyStatus.DRAFT
    created_by = factory.SubFactory(UserFactory)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    survey = factory.SubFactory(SurveyFactory)
    kind = QuestionKind.SINGLE
    text = factory.Sequence(lambda n: f"Question n° {n} ?")
    order = factory.Sequence(int)


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory)
    label = factory.Sequence(lambda n: f"Choix {n}")
    order = factory.Sequence(int)


class InvitationFactory(factory.django.DjangoModelFactory):
    """A link sent to a person of the survey's territory (a new membership unless given)."""

    class Meta:
        model = Invitation

    survey = factory.SubFactory(SurveyFactory, status=SurveyStatus.OPEN)
    membership = factory.SubFactory(
        MembershipFactory, organisation__territory=factory.SelfAttribute("...survey.territory")
    )
    user = factory.SelfAttribute("membership.user")
    email = factory.SelfAttribute("user.email")
    token = factory.LazyFunction(lambda: secrets.token_urlsafe(32))
    sent_at = factory.LazyFunction(timezone.now)
