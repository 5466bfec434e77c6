from django.urls import path

from mutualis.replacement.views import dashboard, missions, pool, requests, settings

app_name = "replacement"
urlpatterns = [
    path("", requests.request_list, name="request_list"),
    path("demander/", requests.request_create, name="request_create"),
    path("demandes/<int:pk>/", requests.request_detail, name="request_detail"),
    path("demandes/<int:pk>/affecter/", requests.request_assign, name="request_assign"),
    path("demandes/<int:pk>/annuler/", requests.request_cancel, name="request_cancel"),
    path("demandes/<int:pk>/terminer/", requests.request_end, name="request_end"),
    path("agents/", pool.agent_list, name="agent_list"),
    path("agents/nouveau/", pool.agent_create, name="agent_create"),
    path("agents/<int:pk>/", pool.agent_detail, name="agent_detail"),
    path("agents/<int:pk>/modifier/", pool.agent_edit, name="agent_edit"),
    path("agents/<int:pk>/indisponibilites/", pool.unavailability_add, name="unavailability_add"),
    path("missions/", missions.assignment_list, name="assignment_list"),
    path("missions/<int:pk>/", missions.assignment_detail, name="assignment_detail"),
    path("missions/<int:pk>/heures/", missions.timesheet_record, name="timesheet_record"),
    path("heures/<int:pk>/valider/", missions.timesheet_validate, name="timesheet_validate"),
    path("heures/<int:pk>/contester/", missions.timesheet_dispute, name="timesheet_dispute"),
    path("reglages/", settings.service_settings, name="settings"),
    path("organisations/<int:pk>/", settings.organisation_service, name="organisation_service"),
    path("organisations/<int:pk>/adherer/", settings.adhesion_create, name="adhesion_create"),
    path("tableau-de-bord/", dashboard.dashboard, name="dashboard"),
]
