from django.urls import path

from mutualis.surveys.views import answer, questions, results, sending, surveys

app_name = "surveys"
urlpatterns = [
    path("", surveys.survey_list, name="survey_list"),
    path("nouveau/", surveys.survey_create, name="survey_create"),
    path("<int:pk>/", surveys.survey_detail, name="survey_detail"),
    path("<int:pk>/modifier/", surveys.survey_edit, name="survey_edit"),
    path("<int:pk>/ouvrir/", surveys.survey_open, name="survey_open"),
    path("<int:pk>/clore/", surveys.survey_close, name="survey_close"),
    path("<int:pk>/questions/ajouter/", questions.question_add, name="question_add"),
    path("questions/<int:pk>/", questions.question_edit, name="question_edit"),
    path("questions/<int:pk>/supprimer/", questions.question_delete, name="question_delete"),
    path("<int:pk>/envoi/", sending.survey_send, name="survey_send"),
    path("<int:pk>/resultats/", results.survey_results_view, name="survey_results"),
    path("repondre/<str:token>/", answer.answer, name="answer"),
]
