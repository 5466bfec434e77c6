from django.urls import path

from mutualis.commonservices.views import billing, catalogue, commission, costs, units

app_name = "commonservices"
urlpatterns = [
    path("", catalogue.service_list, name="service_list"),
    path("nouveau/", catalogue.service_create, name="service_create"),
    path("<int:pk>/", catalogue.service_detail, name="service_detail"),
    path("<int:pk>/modifier/", catalogue.service_edit, name="service_edit"),
    path("<int:pk>/adherer/", catalogue.service_join, name="service_join"),
    path("<int:pk>/volume/", catalogue.volume_set, name="volume_set"),
    path("<int:pk>/couts/nouveau/", costs.sheet_create, name="sheet_create"),
    path("couts/<int:pk>/", costs.sheet_detail, name="sheet_detail"),
    path("couts/<int:pk>/unites/", costs.sheet_units, name="sheet_units"),
    path("couts/<int:pk>/ligne/", costs.line_add, name="line_add"),
    path("lignes/<int:pk>/retirer/", costs.line_remove, name="line_remove"),
    path("<int:pk>/unites/", units.unit_list, name="unit_list"),
    path("<int:pk>/unites/saisir/", units.unit_record, name="unit_record"),
    path("<int:pk>/unites/transmises/", units.unit_feed, name="unit_feed"),
    path("<int:pk>/unites/importer/", units.unit_import, name="unit_import"),
    path("<int:pk>/unites/importer/confirmer/", units.unit_import_confirm, name="unit_import_confirm"),
    path("<int:pk>/facturation/", billing.billing, name="billing"),
    path("<int:pk>/facturation/appels/", billing.provisional_post, name="provisional_post"),
    path("<int:pk>/facturation/regularisation/", billing.settlement_post, name="settlement_post"),
    path("releve/<int:pk>/", billing.statement, name="statement"),
    path("releve/<int:pk>/pdf/", billing.statement_pdf, name="statement_pdf"),
    path("commission/", commission.commission, name="commission"),
    path("commission/membres/", commission.member_add, name="member_add"),
    path("commission/reunions/", commission.meeting_add, name="meeting_add"),
    path("<int:pk>/suivi/", commission.service_followup, name="followup"),
]
