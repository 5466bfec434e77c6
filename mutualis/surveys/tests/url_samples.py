from mutualis.surveys.models import Question, Survey
from mutualis.surveys.tests.factories import QuestionFactory


def url_samples(base: dict) -> dict:
    question = QuestionFactory(survey__territory=base["commune_a"].territory)
    return {Survey: question.survey, Question: question}
