from django.urls import path

from mutualis.portal import views
from mutualis.portal.views import account, figures, help

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("chiffres/", figures.figures, name="figures"),
    path("organisations/<int:pk>/compte/", account.account, name="account"),
    path("aide/", help.help_page, name="help"),
]
