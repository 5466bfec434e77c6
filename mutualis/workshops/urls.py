from django.urls import path, re_path

from mutualis.workshops.views import public, staff, statistics

SIREN = r"^(?P<siren>[0-9]{9})/"

app_name = "workshops"
urlpatterns = [
    # The staff's pages.
    path("gestion/", staff.session_list, name="session_list"),
    path("gestion/cycles/nouveau/", staff.series_create, name="series_create"),
    path("gestion/cycles/<int:pk>/", staff.series_detail, name="series_detail"),
    path("gestion/<int:pk>/", staff.session_detail, name="session_detail"),
    path("gestion/<int:pk>/publier/", staff.session_publish, name="session_publish"),
    path("gestion/<int:pk>/annuler/", staff.session_cancel, name="session_cancel"),
    path("gestion/<int:pk>/inscrire/", staff.phone_register, name="phone_register"),
    path("gestion/<int:pk>/presences/", staff.attendance_record, name="attendance_record"),
    path("gestion/inscriptions/<int:pk>/annuler/", staff.registration_cancel, name="registration_cancel_staff"),
    path("gestion/statistiques/", statistics.statistics_page, name="statistics"),
    path("gestion/donnees-personnelles/", staff.policy_edit, name="policy"),
    # The inhabitants' pages, without an account.
    path("inscription/<str:token>/", public.registration, name="registration"),
    path("inscription/<str:token>/annuler/", public.registration_cancel, name="registration_cancel"),
    re_path(SIREN + r"$", public.programme, name="programme"),
    re_path(SIREN + r"(?P<number>[0-9]+)/$", public.session_page, name="session_page"),
    re_path(SIREN + r"donnees-personnelles/$", public.privacy, name="privacy"),
    re_path(SIREN + r"statistiques/$", statistics.public_statistics, name="public_statistics"),
    re_path(SIREN + r"lieux\.csv$", public.places, name="places"),
]
