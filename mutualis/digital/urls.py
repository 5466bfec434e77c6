app_name = "digital"
urlpatterns: list = []
