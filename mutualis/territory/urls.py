from django.urls import path

from mutualis.territory.views import imports, members, organisations, sectors, working_days

app_name = "territory"
urlpatterns = [
    path("organisations/", organisations.organisation_list, name="organisation_list"),
    path("organisations/<int:pk>/", organisations.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/modifier/", organisations.organisation_edit, name="organisation_edit"),
    path("organisations/<int:pk>/historique/", organisations.organisation_history, name="organisation_history"),
    path("organisations/<int:pk>/inviter/", members.member_invite, name="member_invite"),
    path("invitations/<str:token>/", members.membership_accept, name="membership_accept"),
    path("rattachement/", members.switch_membership, name="switch_membership"),
    path("rattachements/<int:pk>/fin/", members.membership_end, name="membership_end"),
    path("secteurs/", sectors.sector_list, name="sector_list"),
    path("secteurs/nouveau/", sectors.sector_create, name="sector_create"),
    path("secteurs/<int:pk>/", sectors.sector_edit, name="sector_edit"),
    path("jours-ouvres/", working_days.working_days, name="working_days"),
    path("jours-ouvres/zone/", working_days.holiday_zone_set, name="holiday_zone_set"),
    path("jours-ouvres/fermetures/", working_days.closed_day_add, name="closed_day_add"),
    path("jours-ouvres/fermetures/<int:pk>/supprimer/", working_days.closed_day_remove, name="closed_day_remove"),
    path("import/", imports.import_upload, name="import_upload"),
    path("import/confirmer/", imports.import_confirm, name="import_confirm"),
]
