from django.urls import path

from mutualis.billing import views

app_name = "billing"
urlpatterns = [
    path("", views.charge_list, name="charge_list"),
    path("lignes/nouvelle/", views.charge_create, name="charge_create"),
    path("lignes/<int:pk>/", views.charge_detail, name="charge_detail"),
    path("lignes/<int:pk>/annuler/", views.charge_cancel, name="charge_cancel"),
    path("organisations/<int:pk>/releve/", views.statement, name="statement"),
]
