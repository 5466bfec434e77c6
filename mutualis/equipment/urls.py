from django.urls import path

from mutualis.equipment import views_import
from mutualis.equipment.views import catalogue, categories, census, dashboard, loans, requests

app_name = "equipment"
urlpatterns = [
    path("", catalogue.catalogue, name="catalogue"),
    path("<int:pk>/", catalogue.item_detail, name="item_detail"),
    path("<int:pk>/modifier/", census.item_edit, name="item_edit"),
    path("<int:pk>/photos/", census.item_photo_add, name="item_photo_add"),
    path("<int:pk>/indisponibilites/", census.unavailability_add, name="unavailability_add"),
    path("<int:pk>/archiver/", census.item_archive, name="item_archive"),
    path("<int:pk>/demander/", requests.request_create, name="request_create"),
    path("organisations/<int:pk>/declarer/", census.item_create, name="item_create"),
    path("organisations/<int:pk>/regles/", census.lending_rules_edit, name="lending_rules_edit"),
    path("besoin/", requests.need_create, name="need_create"),
    path("besoins/", requests.need_list, name="need_list"),
    path("besoins/<int:pk>/", requests.need_detail, name="need_detail"),
    path("demandes/", requests.my_requests, name="my_requests"),
    path("demandes/recues/", requests.received_requests, name="received_requests"),
    path("demandes/<int:pk>/", requests.request_detail, name="request_detail"),
    path("demandes/<int:pk>/accepter/", requests.request_accept, name="request_accept"),
    path("demandes/<int:pk>/refuser/", requests.request_refuse, name="request_refuse"),
    path("demandes/<int:pk>/annuler/", requests.request_cancel, name="request_cancel"),
    path("demandes/<int:pk>/proposer/", requests.need_propose, name="need_propose"),
    path("demandes/<int:pk>/retenir/", requests.proposal_accept, name="proposal_accept"),
    path("prets/<int:pk>/", loans.loan_detail, name="loan_detail"),
    path("prets/<int:pk>/remise/", loans.loan_checkout, name="loan_checkout"),
    path("prets/<int:pk>/retour/", loans.loan_checkin, name="loan_checkin"),
    path("tableau-de-bord/", dashboard.dashboard, name="dashboard"),
    path("categories/", categories.category_list, name="category_list"),
    path("categories/<int:pk>/", categories.category_edit, name="category_edit"),
    path("organisations/<int:pk>/importer/", views_import.import_upload, name="import_upload"),
    path("organisations/<int:pk>/importer/confirmer/", views_import.import_confirm, name="import_confirm"),
]
