app_name = "purchasing"
urlpatterns: list = []
