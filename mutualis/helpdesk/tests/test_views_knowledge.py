"""Knowledge-base screens: draft from an answer, edit and publish, search, query counts."""

import pytest
from django.urls import reverse

from mutualis.helpdesk.models import Article, ArticleStatus, Status
from mutualis.helpdesk.tests.factories import ArticleFactory, MessageFactory, RequestFactory


def test_the_coordinator_drafts_an_article_from_an_answer(login, commune_a, eve, xavier):
    request = RequestFactory(organisation=commune_a, status=Status.RESOLVED)
    MessageFactory(request=request, author=xavier, body="La réponse de l'expert.")
    response = login(eve).post(reverse("helpdesk:article_draft", args=[request.pk]))
    article = Article.objects.get()
    assert response["Location"] == reverse("helpdesk:article_edit", args=[article.pk])
    assert "La réponse de l'expert." in article.body


def test_the_coordinator_edits_and_publishes(login, territory_a, eve):
    article = ArticleFactory(territory=territory_a, status=ArticleStatus.DRAFT, published_at=None)
    login(eve).post(
        reverse("helpdesk:article_edit", args=[article.pk]),
        {"title": "Seuils de publicité", "topic": "public_procurement", "body": "Réponse revue.", "publish": "1"},
    )
    article.refresh_from_db()
    assert (article.title, article.status) == ("Seuils de publicité", ArticleStatus.PUBLISHED)


def test_saving_a_draft_does_not_publish_it(login, territory_a, eve):
    article = ArticleFactory(territory=territory_a, status=ArticleStatus.DRAFT, published_at=None)
    login(eve).post(reverse("helpdesk:article_edit", args=[article.pk]),
                    {"title": "Titre", "topic": "legal", "body": "Texte."})  # fmt: skip
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT


def test_another_commune_finds_the_published_article(login, territory_a, charlie):
    ArticleFactory(territory=territory_a, title="Seuils des marchés publics")
    ArticleFactory(territory=territory_a, title="Recensement")
    response = login(charlie).get(reverse("helpdesk:article_list"), {"q": "marche public"})
    assert [a.title for a in response.context["page"]] == ["Seuils des marchés publics"]


def test_the_knowledge_base_filters_by_topic(login, territory_a, charlie):
    ArticleFactory(territory=territory_a, title="Mariage", topic="civil_status")
    ArticleFactory(territory=territory_a, title="Quorum", topic="legal")
    response = login(charlie).get(reverse("helpdesk:article_list"), {"topic": "civil_status"})
    assert [a.title for a in response.context["page"]] == ["Mariage"]


@pytest.mark.parametrize("count", [1, 30])
def test_the_knowledge_base_runs_a_constant_number_of_queries(login, territory_a, charlie, query_count, count):
    for _ in range(count):
        ArticleFactory(territory=territory_a)
    client = login(charlie)
    url = reverse("helpdesk:article_list")
    client.get(url)
    assert query_count(lambda: client.get(url)) == 5


def test_the_article_page_runs_a_few_queries(login, territory_a, charlie, query_count):
    article = ArticleFactory(territory=territory_a)
    client = login(charlie)
    url = reverse("helpdesk:article_detail", args=[article.pk])
    client.get(url)
    assert query_count(lambda: client.get(url)) == 4
