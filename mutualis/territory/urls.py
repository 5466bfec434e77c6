from django.urls import path

from mutualis.territory.views import imports, members, organisations, sectors

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
    path("import/", imports.import_upload, name="import_upload"),
    path("import/confirmer/", imports.import_confirm, name="import_confirm"),
]
