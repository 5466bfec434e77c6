from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path

urlpatterns = [
    path("", include("mutualis.core.urls")),
    path("comptes/", include("mutualis.accounts.urls")),
    path("territoire/", include("mutualis.territory.urls")),
    path("conventions/", include("mutualis.agreements.urls")),
    path("facturation/", include("mutualis.billing.urls")),
    path("materiel/", include("mutualis.equipment.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
