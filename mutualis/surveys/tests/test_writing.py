"""A survey is written as a draft; its questions change only while it is a draft."""

import pytest
from django.core.exceptions import ValidationError

from mutualis.surveys import services
from mutualis.surveys.models import QuestionKind, SurveyStatus
from mutualis.surveys.tests.factories import SurveyFactory


def test_questions_are_appended_in_order(draft):
    assert [q.kind for q in draft.questions.order_by("order")] == ["single", "multiple", "scale", "text"]


def test_a_choice_question_needs_two_choices(draft, eve):
    with pytest.raises(ValidationError) as error:
        services.question_add(survey=draft, kind=QuestionKind.SINGLE, text="Oui ?", by=eve, choices=["Oui", " "])
    assert "choices" in error.value.error_dict


def test_two_choices_may_not_have_the_same_label(draft, eve):
    with pytest.raises(ValidationError):
        services.question_add(survey=draft, kind=QuestionKind.MULTIPLE, text="?", by=eve, choices=["A", "A"])


def test_a_scale_must_go_upwards(draft, eve):
    with pytest.raises(ValidationError) as error:
        services.question_add(survey=draft, kind=QuestionKind.SCALE, text="?", by=eve, scale_min=5, scale_max=5)
    assert "scale_max" in error.value.error_dict


def test_a_question_can_be_changed_with_its_choices_while_draft(draft, eve):
    question = draft.questions.get(kind=QuestionKind.SINGLE)
    services.question_update(
        question=question, kind=QuestionKind.SINGLE, text="Agent ?", by=eve, choices=["Oui", "Non"]
    )
    assert list(question.choices.values_list("label", flat=True)) == ["Oui", "Non"]


def test_questions_cannot_be_added_once_open(survey, eve):
    with pytest.raises(ValidationError, match="brouillon"):
        services.question_add(survey=survey, kind=QuestionKind.TEXT, text="Encore ?", by=eve)


def test_questions_cannot_be_changed_once_open(survey, eve):
    question = survey.questions.get(kind=QuestionKind.TEXT)
    with pytest.raises(ValidationError, match="brouillon"):
        services.question_update(question=question, kind=QuestionKind.TEXT, text="Autre ?", by=eve)


def test_questions_cannot_be_deleted_once_open(survey, eve):
    with pytest.raises(ValidationError, match="brouillon"):
        services.question_delete(question=survey.questions.first(), by=eve)


def test_a_survey_without_questions_cannot_open(territory_a, eve):
    with pytest.raises(ValidationError, match="au moins une question"):
        services.survey_open(survey=SurveyFactory(territory=territory_a), by=eve)


def test_opening_sets_the_status_and_the_date(draft, eve):
    survey = services.survey_open(survey=draft, by=eve)
    assert survey.status == SurveyStatus.OPEN and survey.opened_at is not None


def test_an_open_survey_cannot_open_again(survey, eve):
    with pytest.raises(ValidationError):
        services.survey_open(survey=survey, by=eve)


def test_a_draft_cannot_be_closed(draft, eve):
    with pytest.raises(ValidationError, match="ouvert"):
        services.survey_close(survey=draft, by=eve)


def test_closing_an_open_survey_keeps_the_date(survey, eve):
    survey = services.survey_close(survey=survey, by=eve)
    assert survey.status == SurveyStatus.CLOSED and survey.closed_at is not None


def test_a_closed_survey_keeps_its_title(survey, eve):
    services.survey_close(survey=survey, by=eve)
    with pytest.raises(ValidationError):
        services.survey_update(survey=survey, by=eve, title="Autre titre")


def test_an_open_survey_may_get_a_new_deadline(survey, eve):
    from datetime import date

    survey = services.survey_update(survey=survey, by=eve, title=survey.title, closes_on=date(2026, 12, 31))
    assert survey.closes_on == date(2026, 12, 31)


def test_history_keeps_the_former_title(draft, eve):
    services.survey_update(survey=draft, by=eve, title="Nouveau titre")
    assert [h.title for h in draft.history.order_by("history_date")][-2:] == [
        "Besoins de mutualisation",
        "Nouveau titre",
    ]
