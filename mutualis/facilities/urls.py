app_name = "facilities"
urlpatterns: list = []
