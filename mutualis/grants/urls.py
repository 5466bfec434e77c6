from django.urls import path

from mutualis.grants.views import applications

app_name = "grants"
urlpatterns = [
    path("<int:pk>/", applications.application_detail, name="application_detail"),
]
