app_name = "commonservices"
urlpatterns: list = []
