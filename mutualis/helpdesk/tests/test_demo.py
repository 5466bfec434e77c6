import pytest
from django.contrib.contenttypes.models import ContentType

from mutualis.billing.models import Charge
from mutualis.demo.helpdesk import REQUESTS, load_helpdesk
from mutualis.demo.tests.reload import load_again
from mutualis.helpdesk.models import Article, HourlyRate, Request, Status, TimeEntry


@pytest.fixture
def grand_dole(grand_dole):
    """The demo with its part loaded once more: the loader leaves the same state."""
    return load_again(grand_dole, load_helpdesk)


def test_loading_the_demo_desk_twice_gives_the_same_state(grand_dole):
    assert Request.objects.filter(territory=grand_dole).count() == len(REQUESTS)
    assert HourlyRate.objects.filter(territory=grand_dole).count() == 1


def test_the_demo_has_answered_rated_and_open_requests(grand_dole):
    statuses = list(Request.objects.filter(territory=grand_dole).values_list("status", flat=True))
    assert statuses.count(Status.CLOSED) == 4
    assert {Status.NEW, Status.IN_PROGRESS, Status.RESOLVED} <= set(statuses)


def test_the_demo_publishes_five_anonymised_articles(grand_dole):
    articles = Article.objects.filter(territory=grand_dole).published()
    assert articles.count() == 5
    assert not articles.filter(body__icontains="Jouhe").exists()
    assert not articles.filter(body__icontains="Foucherans").exists()


def test_the_demo_bills_the_experts_time(grand_dole):
    time_charges = Charge.objects.filter(territory=grand_dole, source_type=ContentType.objects.get_for_model(TimeEntry))
    assert time_charges.count() == 6
