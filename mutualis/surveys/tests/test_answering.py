"""A link answers once; only an open survey takes answers; required questions need an answer."""

import pytest
from django.core.exceptions import ValidationError

from mutualis.surveys import services
from mutualis.surveys.models import Answer, Response


def values_for(questions, **overrides):
    values = {
        questions["single"].pk: questions["single"].choices.first().pk,
        questions["multiple"].pk: [questions["multiple"].choices.first().pk],
        questions["scale"].pk: 3,
        questions["text"].pk: "",
    }
    values.update({questions[name].pk: value for name, value in overrides.items()})
    return values


def test_an_answer_records_one_response_and_marks_the_link_used(invite, questions):
    invitation = invite()
    response = services.response_submit(invitation=invitation, values=values_for(questions))
    invitation.refresh_from_db()
    assert invitation.answered_at == response.submitted_at
    assert Answer.objects.filter(response=response).count() == 3


def test_a_link_answers_only_once(invite, questions):
    invitation = invite()
    services.response_submit(invitation=invitation, values=values_for(questions))
    with pytest.raises(ValidationError, match="déjà servi"):
        services.response_submit(invitation=invitation, values=values_for(questions))
    assert Response.objects.filter(invitation=invitation).count() == 1


def test_a_closed_survey_refuses_answers(survey, invite, questions, eve):
    invitation = invite()
    services.survey_close(survey=survey, by=eve)
    with pytest.raises(ValidationError, match="pas ouvert"):
        services.response_submit(invitation=invitation, values=values_for(questions))


def test_a_required_question_left_empty_is_refused_with_nothing_written(invite, questions):
    with pytest.raises(ValidationError) as error:
        services.response_submit(invitation=invite(), values=values_for(questions, scale=None))
    assert f"q{questions['scale'].pk}" in error.value.error_dict
    assert not Response.objects.exists()


def test_an_optional_question_may_be_skipped(invite, questions):
    response = services.response_submit(invitation=invite(), values=values_for(questions, text=None))
    assert not response.answers.filter(question=questions["text"]).exists()


def test_a_choice_of_another_question_is_refused(invite, questions):
    other = questions["multiple"].choices.first().pk
    with pytest.raises(ValidationError):
        services.response_submit(invitation=invite(), values=values_for(questions, single=other))


def test_a_value_outside_the_scale_is_refused(invite, questions):
    with pytest.raises(ValidationError):
        services.response_submit(invitation=invite(), values=values_for(questions, scale=9))


def test_a_multiple_choice_answer_keeps_every_choice_ticked(invite, questions):
    ticked = [choice.pk for choice in questions["multiple"].choices.all()]
    response = services.response_submit(invitation=invite(), values=values_for(questions, multiple=ticked))
    assert sorted(response.answers.filter(question=questions["multiple"]).values_list("choice", flat=True)) == ticked
