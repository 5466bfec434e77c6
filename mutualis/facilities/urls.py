from django.urls import path

from mutualis.facilities.views import dashboard, inspections, inventory

app_name = "facilities"
urlpatterns = [
    path("", inventory.facility_list, name="facility_list"),
    path("<int:pk>/", inventory.facility_detail, name="facility_detail"),
    path("<int:pk>/modifier/", inventory.facility_edit, name="facility_edit"),
    path("<int:pk>/archiver/", inventory.facility_archive, name="facility_archive"),
    path("<int:pk>/registre.pdf", inventory.register_pdf, name="register_pdf"),
    path("<int:pk>/plans/ajouter/", inspections.plan_create, name="plan_create"),
    path("<int:pk>/controles/ajouter/", inspections.inspection_create, name="inspection_create"),
    path("<int:pk>/entretien/ajouter/", inspections.maintenance_create, name="maintenance_create"),
    path("organisations/<int:pk>/inventorier/", inventory.facility_create, name="facility_create"),
    path("plans/<int:pk>/", inspections.plan_edit, name="plan_edit"),
    path("controles/<int:pk>/", inspections.inspection_detail, name="inspection_detail"),
    path("controles-a-faire/", inspections.due_list, name="due_list"),
    path("tableau-de-bord/", dashboard.dashboard, name="dashboard"),
]
