"""Knowledge base: anonymised drafts, publication, territory-wide search (SQLite's simple match here;
PostgreSQL's full text in test_search_postgresql.py)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from mutualis.helpdesk.models import Article, ArticleStatus, Status, Topic
from mutualis.helpdesk.services import article_draft, article_publish, message_post
from mutualis.helpdesk.tests.factories import ArticleFactory, RequestFactory


@pytest.fixture
def answered(commune_a, alice, bob, xavier):
    request = RequestFactory(
        organisation=commune_a, created_by=bob, status=Status.IN_PROGRESS, topic=Topic.PUBLIC_PROCUREMENT,
        subject="Marché de voirie à Jouhe",
        question="Bonjour, ici Bob Persona, secrétaire de mairie de Jouhe. Alice Persona, notre maire, demande "
        "si un marché de 30 000 € HT doit être publié.",
    )  # fmt: skip
    message_post(request=request, author=xavier, body="Bonjour Bob, en dessous de 40 000 € HT, non.", from_expert=True)
    request.status = Status.RESOLVED
    request.save()
    return request


def test_the_draft_replaces_the_commune_and_peoples_names(answered, eve):
    article = article_draft(request=answered, by=eve)
    text = article.title + article.body
    for name in ("Jouhe", "Bob", "Alice", "Persona"):
        assert name not in text
    assert "la commune" in article.title
    assert "40 000 € HT" in article.body


def test_the_draft_keeps_the_topic_and_is_not_published(answered, eve):
    article = article_draft(request=answered, by=eve)
    assert (article.topic, article.status, article.request) == (Topic.PUBLIC_PROCUREMENT, ArticleStatus.DRAFT, answered)


def test_an_open_request_cannot_become_an_article(commune_a, eve):
    with pytest.raises(ValidationError):
        article_draft(request=RequestFactory(organisation=commune_a), by=eve)


def test_publishing_dates_the_article(answered, eve):
    article = article_publish(article=article_draft(request=answered, by=eve), by=eve)
    assert article.is_published and article.published_at is not None


def test_unpublishing_takes_it_back_to_draft(answered, eve):
    article = article_publish(article=article_draft(request=answered, by=eve), by=eve)
    article = article_publish(article=article, by=eve, published=False)
    assert (article.status, article.published_at) == (ArticleStatus.DRAFT, None)


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the simple match is SQLite's")
def test_search_ignores_accents_and_plurals(territory_a):
    found = ArticleFactory(territory=territory_a, title="Les marchés publics de travaux")
    ArticleFactory(territory=territory_a, title="Le recensement de la population")
    assert list(Article.objects.search("marche public")) == [found]


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the simple match is SQLite's")
def test_search_ranks_articles_matching_more_words_first(territory_a):
    one = ArticleFactory(territory=territory_a, title="Publicité d'un marché")
    both = ArticleFactory(territory=territory_a, title="Seuils des marchés de travaux")
    assert list(Article.objects.search("seuils marchés")) == [both, one]


def test_an_empty_search_finds_nothing(territory_a):
    ArticleFactory(territory=territory_a)
    assert not Article.objects.search("  le ").exists()
