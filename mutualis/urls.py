from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path

urlpatterns = [
    path("", include("mutualis.portal.urls")),
    path("", include("mutualis.core.urls")),
    path("comptes/", include("mutualis.accounts.urls")),
    path("territoire/", include("mutualis.territory.urls")),
    path("conventions/", include("mutualis.agreements.urls")),
    path("facturation/", include("mutualis.billing.urls")),
    path("materiel/", include("mutualis.equipment.urls")),
    path("remplacement/", include("mutualis.replacement.urls")),
    path("achats/", include("mutualis.purchasing.urls")),
    path("expertise/", include("mutualis.helpdesk.urls")),
    path("numerique/", include("mutualis.digital.urls")),
    path("equipements-sportifs/", include("mutualis.facilities.urls")),
    path("pilotage/", include("mutualis.steering.urls")),
    path("questionnaires/", include("mutualis.surveys.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
