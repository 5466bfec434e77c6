"""A commune sees only its own requests and the shared knowledge base; experts see what is routed
to their service; nothing crosses territories."""

from mutualis.helpdesk.models import Article, ArticleStatus, Request, Topic
from mutualis.helpdesk.tests.factories import ArticleFactory, RequestFactory


def test_a_commune_sees_its_own_requests_only(commune_a, commune_b, alice, charlie):
    mine = RequestFactory(organisation=commune_a)
    RequestFactory(organisation=commune_b)
    assert list(Request.objects.visible_to(alice)) == [mine]


def test_another_communes_request_is_a_404(login, commune_b, alice):
    other = RequestFactory(organisation=commune_b)
    assert login(alice).get(f"/expertise/{other.pk}/").status_code == 404


def test_the_desk_manager_sees_the_requests_routed_to_the_desk(commune_a, xavier):
    legal = RequestFactory(organisation=commune_a)
    RequestFactory(organisation=commune_a, topic=Topic.GDPR, service="digital")
    assert list(Request.objects.visible_to(xavier)) == [legal]


def test_the_digital_manager_sees_it_and_rgpd_requests(commune_a, nina):
    RequestFactory(organisation=commune_a)
    gdpr = RequestFactory(organisation=commune_a, topic=Topic.GDPR, service="digital")
    assert list(Request.objects.visible_to(nina)) == [gdpr]


def test_the_coordinator_sees_every_request_of_the_territory(commune_a, commune_b, eve):
    RequestFactory(organisation=commune_a)
    RequestFactory(organisation=commune_b, service="digital")
    assert Request.objects.visible_to(eve).count() == 2


def test_another_territory_sees_no_request(commune_a, oscar):
    RequestFactory(organisation=commune_a)
    assert not Request.objects.visible_to(oscar).exists()


def test_every_organisation_of_the_territory_sees_published_articles(territory_a, charlie):
    article = ArticleFactory(territory=territory_a)
    assert list(Article.objects.visible_to(charlie)) == [article]


def test_communes_do_not_see_drafts(territory_a, charlie):
    ArticleFactory(territory=territory_a, status=ArticleStatus.DRAFT, published_at=None)
    assert not Article.objects.visible_to(charlie).exists()


def test_coordinators_see_drafts(territory_a, eve):
    ArticleFactory(territory=territory_a, status=ArticleStatus.DRAFT, published_at=None)
    assert Article.objects.visible_to(eve).exists()


def test_another_territorys_articles_are_never_shown(territory_a, territory_b, oscar, charlie):
    ArticleFactory(territory=territory_a, title="Seuils des marchés publics")
    theirs = ArticleFactory(territory=territory_b, title="Seuils des marchés publics")
    assert list(Article.objects.visible_to(oscar)) == [theirs]
    assert theirs not in Article.objects.visible_to(charlie)
