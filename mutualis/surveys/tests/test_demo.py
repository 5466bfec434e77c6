import io

import pytest
from django.core.management import call_command
from django.test.utils import override_settings

from mutualis.demo.surveys import CONSULTATION, DRAFT, load_surveys
from mutualis.surveys.models import Answer, Invitation, Survey, SurveyStatus
from mutualis.surveys.results import survey_results
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
        load_surveys(territory, epci, communes)
        load_surveys(territory, epci, communes)
    return territory


def test_the_demo_consultation_is_closed_with_the_seeds_figures(grand_dole):
    survey = Survey.objects.get(territory=grand_dole, title=CONSULTATION)
    assert survey.status == SurveyStatus.CLOSED
    results = survey_results(survey)
    assert (results.invited, results.answered) == (47, 28)
    joining = results.questions[3]
    assert [(row.label, row.count) for row in joining.rows] == [("Oui", 24), ("Non", 4)]
    assert sum(row.percent for row in results.questions[0].rows) == 100


def test_the_demo_has_a_draft(grand_dole):
    assert Survey.objects.get(territory=grand_dole, title=DRAFT).status == SurveyStatus.DRAFT


def test_loading_the_demo_surveys_twice_gives_the_same_state(grand_dole):
    assert Survey.objects.filter(territory=grand_dole).count() == 2
    assert Invitation.objects.count() == 47
    assert Answer.objects.filter(question__text__startswith="Souhaitez-vous").count() == 28
