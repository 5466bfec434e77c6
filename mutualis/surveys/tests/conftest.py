import pytest

from mutualis.surveys import services
from mutualis.surveys.models import QuestionKind
from mutualis.surveys.tests.factories import InvitationFactory, SurveyFactory


@pytest.fixture
def draft(territory_a, eve):
    """Eve's draft: a single choice, a multiple choice, a scale and an optional free text."""
    survey = SurveyFactory(territory=territory_a, created_by=eve, title="Besoins de mutualisation")
    services.question_add(
        survey=survey, kind=QuestionKind.SINGLE, text="Votre commune a-t-elle un agent technique ?", by=eve,
        choices=["Oui, à temps plein", "Oui, à temps partiel", "Non"],
    )  # fmt: skip
    services.question_add(
        survey=survey, kind=QuestionKind.MULTIPLE, text="Quels besoins ?", by=eve,
        choices=["Matériel", "Remplacement", "Achats groupés"],
    )  # fmt: skip
    services.question_add(
        survey=survey, kind=QuestionKind.SCALE, text="Intérêt pour la mutualisation", by=eve,
        scale_min=1, scale_max=5, scale_min_label="Aucun", scale_max_label="Très fort",
    )  # fmt: skip
    services.question_add(survey=survey, kind=QuestionKind.TEXT, text="Autre chose ?", by=eve, required=False)
    return survey


@pytest.fixture
def survey(draft, eve):
    """The same survey, open to answers."""
    return services.survey_open(survey=draft, by=eve)


@pytest.fixture
def questions(survey):
    single, multiple, scale, text = survey.questions.order_by("order")
    return {"single": single, "multiple": multiple, "scale": scale, "text": text}


@pytest.fixture
def invite(survey):
    """A new person's link to the open survey."""

    def make(**fields):
        return InvitationFactory(survey=survey, **fields)

    return make


@pytest.fixture
def answer(questions, invite):
    """Answer through a new link: `answer(single=0, multiple=[0, 2], scale=4, text="…")` (choice indexes)."""

    def submit(single=0, multiple=(0,), scale=3, text=""):
        choices = {name: list(questions[name].choices.all()) for name in ("single", "multiple")}
        values = {
            questions["single"].pk: None if single is None else choices["single"][single].pk,
            questions["multiple"].pk: [choices["multiple"][i].pk for i in multiple],
            questions["scale"].pk: scale,
            questions["text"].pk: text,
        }
        return services.response_submit(invitation=invite(), values=values)

    return submit
