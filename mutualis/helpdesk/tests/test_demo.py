import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test.utils import override_settings

from mutualis.billing.models import Charge
from mutualis.demo.helpdesk import REQUESTS, load_helpdesk
from mutualis.helpdesk.models import Article, HourlyRate, Request, Status, TimeEntry
from mutualis.territory.models import Organisation, OrganisationKind, Territory


@pytest.fixture
def grand_dole(db):
    call_command("load_demo", stdout=io.StringIO())
    territory = Territory.objects.get(siren="200010650")
    communes = {
        o.insee_code: o for o in Organisation.objects.filter(territory=territory, kind=OrganisationKind.COMMUNE)
    }
    epci = Organisation.objects.get(territory=territory, kind=OrganisationKind.EPCI)
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        load_helpdesk(territory, epci, communes)
        load_helpdesk(territory, epci, communes)
    return territory


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
