from django.urls import path

from mutualis.helpdesk.views import answering, dashboard, knowledge, requests, settings

app_name = "helpdesk"
urlpatterns = [
    path("", requests.request_list, name="request_list"),
    path("demander/", requests.request_create, name="request_create"),
    path("suggestions/", requests.suggestions, name="suggestions"),
    path("<int:pk>/", requests.request_detail, name="request_detail"),
    path("<int:pk>/message/", answering.message_post, name="message_post"),
    path("<int:pk>/temps/", answering.time_record, name="time_record"),
    path("<int:pk>/repondue/", answering.request_resolve, name="request_resolve"),
    path("<int:pk>/noter/", answering.request_rate, name="request_rate"),
    path("<int:pk>/annuler/", answering.request_cancel, name="request_cancel"),
    path("<int:pk>/article/", knowledge.article_draft, name="article_draft"),
    path("base/", knowledge.article_list, name="article_list"),
    path("base/<int:pk>/", knowledge.article_detail, name="article_detail"),
    path("base/<int:pk>/modifier/", knowledge.article_edit, name="article_edit"),
    path("base/<int:pk>/retirer/", knowledge.article_unpublish, name="article_unpublish"),
    path("reglages/", settings.settings_edit, name="settings"),
    path("tableau-de-bord/", dashboard.dashboard, name="dashboard"),
]
