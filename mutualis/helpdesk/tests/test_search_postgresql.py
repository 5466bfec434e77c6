"""Knowledge-base relevance on PostgreSQL: French stemming, no accents, title before body.
Run with DATABASE_URL pointing to PostgreSQL (CI's second run)."""

import pytest
from django.db import connection

from mutualis.helpdesk.models import Article
from mutualis.helpdesk.tests.factories import ArticleFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")


def test_marche_public_finds_marches_publics(territory_a):
    found = ArticleFactory(territory=territory_a, title="Les marchés publics de fournitures")
    ArticleFactory(territory=territory_a, title="Le recensement de la population")
    assert list(Article.objects.search("marché public")) == [found]


def test_accents_do_not_matter(territory_a):
    found = ArticleFactory(territory=territory_a, title="Délibération du conseil municipal")
    assert list(Article.objects.search("deliberation")) == [found]
    assert list(Article.objects.search("DÉLIBÉRATIONS")) == [found]


def test_a_match_in_the_title_ranks_before_one_in_the_body(territory_a):
    in_body = ArticleFactory(
        territory=territory_a, title="Travaux de voirie", body="Un marché public à bons de commande."
    )
    in_title = ArticleFactory(territory=territory_a, title="Seuils des marchés publics", body="Les seuils en vigueur.")
    assert list(Article.objects.search("marchés publics")) == [in_title, in_body]


def test_more_words_found_rank_first(territory_a):
    one = ArticleFactory(territory=territory_a, title="Publicité d'un avis", body="Avis d'appel.")
    both = ArticleFactory(territory=territory_a, title="Publicité d'un marché", body="Seuil de publicité du marché.")
    assert list(Article.objects.search("publicité marché")) == [both, one]


def test_a_question_in_plain_words_finds_the_article(territory_a):
    found = ArticleFactory(territory=territory_a, title="Mariage d'un ressortissant étranger",
                           body="Pièces à fournir pour le dossier de mariage et publication des bans.")  # fmt: skip
    ArticleFactory(territory=territory_a, title="Concession funéraire", body="Durée et renouvellement.")
    assert list(Article.objects.search("Quelles pièces pour un mariage avec une étrangère ?")) == [found]
