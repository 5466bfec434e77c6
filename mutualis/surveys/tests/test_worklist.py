from django.urls import reverse
from django.utils import timezone

from mutualis.core.tests.worklist import shown
from mutualis.surveys import worklist
from mutualis.surveys.models import SurveyStatus
from mutualis.surveys.tests.factories import InvitationFactory, SurveyFactory
from mutualis.territory.models import Membership


def test_an_invited_person_has_the_survey_to_answer(territory_a, alice, bob):
    invitation = InvitationFactory(
        survey__territory=territory_a, membership=Membership.objects.get(user=alice), user=alice
    )
    assert shown(worklist.to_answer, alice) == [reverse("surveys:answer", args=[invitation.token])]
    assert shown(worklist.to_answer, bob) == []


def test_answered_or_closed_surveys_are_not_to_answer(territory_a, alice):
    membership = Membership.objects.get(user=alice)
    InvitationFactory(survey__territory=territory_a, membership=membership, user=alice, answered_at=timezone.now())
    InvitationFactory(
        survey__territory=territory_a, survey__status=SurveyStatus.CLOSED, membership=membership, user=alice
    )
    assert shown(worklist.to_answer, alice) == []


def test_published_results_are_news_for_the_territory(territory_a, bob, oscar):
    survey = SurveyFactory(territory=territory_a, status=SurveyStatus.CLOSED, closed_at=timezone.now())
    SurveyFactory(territory=territory_a, status=SurveyStatus.OPEN)
    assert shown(worklist.results, bob) == [reverse("surveys:survey_results", args=[survey.pk])]
    assert shown(worklist.results, oscar) == []
