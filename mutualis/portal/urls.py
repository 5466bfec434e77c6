from django.urls import path

from mutualis.portal import views
from mutualis.portal.views import account, figures, help, profile

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("liste/", views.worklist_entry, name="worklist_entry"),
    path("chiffres/", figures.figures, name="figures"),
    path("organisations/<int:pk>/compte/", account.account, name="account"),
    path("profil/", profile.profile, name="profile"),
    path("aide/", help.help_page, name="help"),
]
