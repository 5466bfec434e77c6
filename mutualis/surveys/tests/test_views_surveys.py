from django.urls import reverse

from mutualis.surveys import services
from mutualis.surveys.models import Survey, SurveyStatus
from mutualis.surveys.tests.factories import QuestionFactory, SurveyFactory


def test_the_coordinator_creates_a_survey(login, eve, territory_a):
    response = login(eve).post(reverse("surveys:survey_create"), {"title": "Consultation des élus"})
    survey = Survey.objects.get()
    assert response.url == reverse("surveys:survey_detail", args=[survey.pk])
    assert (survey.territory, survey.created_by, survey.status) == (territory_a, eve, SurveyStatus.DRAFT)


def test_a_mayor_cannot_create_a_survey(login, alice):
    assert login(alice).get(reverse("surveys:survey_create")).status_code == 403


def test_the_coordinator_adds_a_single_choice_question(login, eve, draft):
    response = login(eve).post(
        reverse("surveys:question_add", args=[draft.pk]),
        {"kind": "single", "text": "Avez-vous un broyeur ?", "required": "on", "choices": "Oui\nNon\n",
         "scale_min": 1, "scale_max": 5},
    )  # fmt: skip
    assert response.status_code == 302
    question = draft.questions.get(text="Avez-vous un broyeur ?")
    assert list(question.choices.values_list("label", flat=True)) == ["Oui", "Non"]


def test_a_choice_question_without_choices_shows_the_error_next_to_the_field(login, eve, draft):
    response = login(eve).post(
        reverse("surveys:question_add", args=[draft.pk]),
        {"kind": "single", "text": "?", "choices": "", "scale_min": 1, "scale_max": 5},
    )
    assert response.status_code == 200
    assert 'id="id_choices_error"' in response.content.decode()


def test_questions_of_an_open_survey_cannot_be_edited(login, eve, survey):
    question = survey.questions.first()
    assert login(eve).get(reverse("surveys:question_edit", args=[question.pk])).status_code == 403


def test_deleting_a_question_of_a_draft(login, eve, draft):
    question = draft.questions.first()
    login(eve).post(reverse("surveys:question_delete", args=[question.pk]))
    assert not draft.questions.filter(pk=question.pk).exists()


def test_the_coordinator_opens_then_closes_a_survey(login, eve, draft):
    client = login(eve)
    client.post(reverse("surveys:survey_open", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == SurveyStatus.OPEN
    client.post(reverse("surveys:survey_close", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == SurveyStatus.CLOSED


def test_members_do_not_see_drafts_nor_open_surveys(login, alice, draft):
    open_survey = SurveyFactory(territory=draft.territory, status=SurveyStatus.OPEN)
    client = login(alice)
    assert client.get(reverse("surveys:survey_detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("surveys:survey_results", args=[open_survey.pk])).status_code == 404
    assert draft.title not in client.get(reverse("surveys:survey_list")).content.decode()


def test_members_see_closed_surveys_in_the_list(login, alice, survey, eve):
    services.survey_close(survey=survey, by=eve)
    assert survey.title in login(alice).get(reverse("surveys:survey_list")).content.decode()


def test_another_territory_sees_nothing(login, oscar, survey, eve):
    services.survey_close(survey=survey, by=eve)
    client = login(oscar)
    assert survey.title not in client.get(reverse("surveys:survey_list")).content.decode()
    assert client.get(reverse("surveys:survey_results", args=[survey.pk])).status_code == 404


def test_the_list_filters_by_status(login, eve, draft, territory_a):
    SurveyFactory(territory=territory_a, status=SurveyStatus.CLOSED, title="Ancienne consultation")
    html = login(eve).get(reverse("surveys:survey_list"), {"status": "closed"}).content.decode()
    assert "Ancienne consultation" in html and draft.title not in html


def test_the_list_exports_with_french_headers(login, eve, draft):
    import tablib

    response = login(eve).get(reverse("surveys:survey_list"), {"format": "xlsx"})
    dataset = tablib.Dataset().load(response.content, format="xlsx")
    assert dataset.headers[:2] == ["Questionnaire", "État"]
    assert dataset[0][0] == draft.title


def test_the_list_runs_the_same_queries_for_one_or_many_surveys(login, eve, territory_a, query_count):
    client = login(eve)
    SurveyFactory(territory=territory_a)
    url = reverse("surveys:survey_list")
    one = query_count(lambda: client.get(url))
    SurveyFactory.create_batch(10, territory=territory_a)
    assert query_count(lambda: client.get(url)) == one


def test_the_detail_runs_the_same_queries_for_one_or_many_questions(login, eve, territory_a, query_count):
    survey = SurveyFactory(territory=territory_a)
    QuestionFactory(survey=survey)
    client = login(eve)
    url = reverse("surveys:survey_detail", args=[survey.pk])
    one = query_count(lambda: client.get(url))
    QuestionFactory.create_batch(10, survey=survey)
    assert query_count(lambda: client.get(url)) == one
