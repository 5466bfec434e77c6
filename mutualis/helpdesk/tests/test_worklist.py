from django.urls import reverse
from django.utils import timezone

from mutualis.core.tests.worklist import shown
from mutualis.helpdesk import worklist
from mutualis.helpdesk.models import Status
from mutualis.helpdesk.tests.factories import ArticleFactory, RequestFactory
from mutualis.territory.models import Role, Service
from mutualis.territory.tests.factories import MembershipFactory, UserFactory


def detail(request) -> str:
    return reverse("helpdesk:request_detail", args=[request.pk])


def test_experts_of_the_routed_service_have_the_new_question(commune_a, xavier, nina, eve, alice, oscar):
    question = RequestFactory(organisation=commune_a, service=Service.HELPDESK)
    assert shown(worklist.new_questions, xavier) == [detail(question)]
    assert shown(worklist.new_questions, eve) == [detail(question)]
    for person in (nina, alice, oscar):
        assert shown(worklist.new_questions, person) == []


def test_questions_in_progress_stay_with_the_experts(commune_a, xavier):
    question = RequestFactory(organisation=commune_a, status=Status.IN_PROGRESS)
    assert shown(worklist.new_questions, xavier) == []
    assert shown(worklist.questions_in_progress, xavier) == [detail(question)]


def test_the_commune_staff_rate_answers_and_follow_questions_not_its_agents(commune_a, alice, bob, charlie):
    answered = RequestFactory(organisation=commune_a, status=Status.RESOLVED, resolved_at=timezone.now())
    open_question = RequestFactory(organisation=commune_a)
    agent = UserFactory()
    MembershipFactory(user=agent, organisation=commune_a, role=Role.AGENT)
    assert shown(worklist.answers_to_rate, bob) == [detail(answered)]
    assert shown(worklist.my_questions, alice) == [detail(open_question)]
    for provider in (worklist.answers_to_rate, worklist.my_questions):
        assert shown(provider, agent) == []
        assert shown(provider, charlie) == []


def test_published_articles_are_news_for_the_territory(territory_a, bob, oscar):
    article = ArticleFactory(territory=territory_a)
    assert shown(worklist.articles, bob) == [reverse("helpdesk:article_detail", args=[article.pk])]
    assert shown(worklist.articles, oscar) == []
