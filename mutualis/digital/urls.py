from django.urls import path

from mutualis.digital.views import catalogue, dashboard, record

app_name = "digital"
urlpatterns = [
    path("", catalogue.catalogue, name="catalogue"),
    path("logiciels/ajouter/", catalogue.software_create, name="software_create"),
    path("logiciels/<int:pk>/", catalogue.software_detail, name="software_detail"),
    path("logiciels/<int:pk>/modifier/", catalogue.software_edit, name="software_edit"),
    path("logiciels/<int:pk>/retirer/", catalogue.software_archive, name="software_archive"),
    path("logiciels/<int:pk>/utilisateurs/ajouter/", catalogue.user_add, name="user_add"),
    path("logiciels/<int:pk>/utilisateurs/retirer/", catalogue.user_withdraw, name="user_withdraw"),
    path("logiciels/<int:pk>/maintenance/", catalogue.maintenance_set, name="maintenance_set"),
    path("maintenances/<int:pk>/", catalogue.maintenance_detail, name="maintenance_detail"),
    path("maintenances/<int:pk>/repartir/", catalogue.maintenance_post, name="maintenance_post"),
    path("rgpd/", record.my_record, name="my_record"),
    path("rgpd/organisations/<int:pk>/", record.record, name="record"),
    path("rgpd/organisations/<int:pk>/pdf/", record.record_pdf, name="record_pdf"),
    path("rgpd/organisations/<int:pk>/ajouter/", record.activity_create, name="activity_create"),
    path("rgpd/traitements/<int:pk>/", record.activity_detail, name="activity_detail"),
    path("rgpd/traitements/<int:pk>/modifier/", record.activity_edit, name="activity_edit"),
    path("rgpd/traitements/<int:pk>/archiver/", record.activity_archive, name="activity_archive"),
    path("tableau-de-bord/", dashboard.dashboard, name="dashboard"),
]
