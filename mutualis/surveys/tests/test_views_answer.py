"""The public answer page: by token, without login; accessible; answered once."""

import pytest
from django.urls import reverse

from mutualis.surveys import services
from mutualis.surveys.models import Response


@pytest.fixture
def link(invite):
    invitation = invite()
    return invitation, reverse("surveys:answer", kwargs={"token": invitation.token})


def form_data(questions, **overrides):
    data = {
        f"q{questions['single'].pk}": questions["single"].choices.first().pk,
        f"q{questions['multiple'].pk}": [c.pk for c in questions["multiple"].choices.all()[:2]],
        f"q{questions['scale'].pk}": 4,
        f"q{questions['text'].pk}": "Un broyeur",
    }
    data.update({f"q{questions[name].pk}": value for name, value in overrides.items()})
    return data


def test_the_page_opens_without_login_from_the_token(client, link, survey):
    response = client.get(link[1])
    assert response.status_code == 200
    assert survey.title in response.content.decode()


def test_choices_and_scales_are_fieldsets_with_legends_and_radio_buttons(client, link, questions):
    html = client.get(link[1]).content.decode()
    assert html.count("<fieldset") == 3
    assert "<legend>3. Intérêt pour la mutualisation" in html
    assert f'type="radio" name="q{questions["scale"].pk}" value="5"' in html
    assert f'type="checkbox" name="q{questions["multiple"].pk}"' in html


def test_an_unknown_token_is_a_404(client, survey):
    assert client.get(reverse("surveys:answer", kwargs={"token": "nope"})).status_code == 404


def test_answering_records_the_response(client, link, questions):
    response = client.post(link[1], form_data(questions))
    assert "vos réponses sont enregistrées" in response.content.decode()
    assert Response.objects.get(invitation=link[0]).answers.count() == 5


def test_a_missing_required_answer_is_shown_next_to_its_question(client, link, questions):
    response = client.post(link[1], form_data(questions, scale=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_q{questions["scale"].pk}_error"' in html
    assert "Ce champ est obligatoire" in html
    assert not Response.objects.exists()


def test_the_optional_question_may_be_left_empty(client, link, questions):
    client.post(link[1], form_data(questions, text=""))
    assert Response.objects.filter(invitation=link[0]).exists()


def test_a_used_link_shows_already_answered_and_takes_no_second_answer(client, link, questions):
    client.post(link[1], form_data(questions))
    page = client.get(link[1]).content.decode()
    assert "déjà répondu" in page
    client.post(link[1], form_data(questions, scale=1))
    assert Response.objects.filter(invitation=link[0]).count() == 1
    assert not Response.objects.filter(answers__number=1).exists()


def test_a_closed_survey_refuses_answers(client, link, questions, survey, eve):
    services.survey_close(survey=survey, by=eve)
    response = client.post(link[1], form_data(questions))
    assert response.status_code == 410
    assert "clos" in response.content.decode()
    assert not Response.objects.exists()


def test_the_answer_page_runs_a_bounded_number_of_queries(client, link, query_count, eve, draft):
    assert query_count(lambda: client.get(link[1])) <= 6
