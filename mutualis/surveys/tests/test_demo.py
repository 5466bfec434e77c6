import pytest

from mutualis.demo.surveys import CONSULTATION, DRAFT, load_surveys
from mutualis.demo.tests.reload import load_again
from mutualis.surveys.models import Answer, Invitation, Survey, SurveyStatus
from mutualis.surveys.results import survey_results


@pytest.fixture
def grand_dole(grand_dole):
    """The demo with its part loaded once more: the loader leaves the same state."""
    return load_again(grand_dole, load_surveys)


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
