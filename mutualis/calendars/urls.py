from django.urls import path, re_path

from mutualis.calendars import views

app_name = "calendars"

urlpatterns = [
    path("", views.feed_list, name="list"),
    path("creer/", views.feed_create, name="create"),
    path("<int:pk>/revoquer/", views.feed_revoke, name="revoke"),
    re_path(r"^(?P<token>[A-Za-z0-9_-]{32,64})\.ics$", views.feed, name="feed"),
]
