from django.urls import path

from mutualis.purchasing.views import awards, census, consolidation, dashboard, members, programme

app_name = "purchasing"
urlpatterns = [
    path("", programme.programme, name="programme"),
    path("consultations/nouvelle/", programme.consultation_create, name="consultation_create"),
    path("consultations/<int:pk>/", programme.consultation_detail, name="consultation_detail"),
    path("consultations/<int:pk>/lots/", programme.lot_create, name="lot_create"),
    path("consultations/<int:pk>/interet/", programme.interest_toggle, name="interest_toggle"),
    path("consultations/<int:pk>/statut/", programme.consultation_move, name="consultation_move"),
    path("consultations/<int:pk>/besoins/", census.needs_declare, name="needs_declare"),
    path("consultations/<int:pk>/besoins/tableau/", census.needs_sheet, name="needs_sheet"),
    path("consultations/<int:pk>/besoins/importer/", census.needs_import, name="needs_import"),
    path("consultations/<int:pk>/besoins/confirmer/", census.needs_import_confirm, name="needs_import_confirm"),
    path("consultations/<int:pk>/consolidation/", consolidation.consolidation, name="consolidation"),
    path("lots/<int:pk>/attribuer/", awards.award_create, name="award_create"),
    path("marches/<int:pk>/", awards.award_detail, name="award_detail"),
    path("marches/<int:pk>/publier/", awards.award_publish, name="award_publish"),
    path("marches/<int:pk>/modifier/", awards.award_modify, name="award_modify"),
    path("donnees-essentielles.json", awards.decp, name="decp"),
    path("adherents/", members.member_list, name="member_list"),
    path("adherents/adhesion/", members.member_join, name="member_join"),
    path("adherents/<int:pk>/retrait/", members.member_withdraw, name="member_withdraw"),
    path("mes-achats/", dashboard.commitments, name="commitments"),
    path("tableau-de-bord/", dashboard.dashboard, name="dashboard"),
]
