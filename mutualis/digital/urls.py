from django.urls import path

from mutualis.digital.views import catalogue, dashboard, record, trainings

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
    path("logiciels/<int:pk>/formations/ajouter/", trainings.training_create, name="training_create"),
    path("maintenances/<int:pk>/", catalogue.maintenance_detail, name="maintenance_detail"),
    path("maintenances/<int:pk>/repartir/", catalogue.maintenance_post, name="maintenance_post"),
    path("formations/<int:pk>/", trainings.training_detail, name="training_detail"),
    path("formations/<int:pk>/modifier/", trainings.training_edit, name="training_edit"),
    path("formations/<int:pk>/inscrire/", trainings.registration_create, name="registration_create"),
    path("inscriptions/<int:pk>/annuler/", trainings.registration_cancel, name="registration_cancel"),
    path("rgpd/", record.my_record, name="my_record"),
    path("rgpd/organisations/<int:pk>/", record.record, name="record"),
    path("rgpd/organisations/<int:pk>/pdf/", record.record_pdf, name="record_pdf"),
    path("rgpd/organisations/<int:pk>/ajouter/", record.activity_create, name="activity_create"),
    path("rgpd/traitements/<int:pk>/", record.activity_detail, name="activity_detail"),
    path("rgpd/traitements/<int:pk>/modifier/", record.activity_edit, name="activity_edit"),
    path("rgpd/traitements/<int:pk>/archiver/", record.activity_archive, name="activity_archive"),
    path("tableau-de-bord/", dashboard.dashboard, name="dashboard"),
]
