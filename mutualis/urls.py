from django.urls import include, path

from mutualis.core import files
from mutualis.territory.access import requires

# No route serves MEDIA_ROOT, in debug or not: every uploaded file goes out through `fichiers/`.
urlpatterns = [
    path("", include("mutualis.portal.urls")),
    path("", include("mutualis.core.urls")),
    path("fichiers/", include((files.urlpatterns(guard=requires), "files"))),
    path("comptes/", include("mutualis.accounts.urls")),
    path("territoire/", include("mutualis.territory.urls")),
    path("notifications/", include("mutualis.notifications.urls")),
    path("conventions/", include("mutualis.agreements.urls")),
    path("facturation/", include("mutualis.billing.urls")),
    path("calendriers/", include("mutualis.calendars.urls")),
    path("materiel/", include("mutualis.equipment.urls")),
    path("remplacement/", include("mutualis.replacement.urls")),
    path("achats/", include("mutualis.purchasing.urls")),
    path("expertise/", include("mutualis.helpdesk.urls")),
    path("numerique/", include("mutualis.digital.urls")),
    path("equipements-sportifs/", include("mutualis.facilities.urls")),
    path("fonds-de-concours/", include("mutualis.grants.urls")),
    path("ateliers/", include("mutualis.workshops.urls")),
    path("services-communs/", include("mutualis.commonservices.urls")),
    path("reseau/", include("mutualis.network.urls")),
    path("pilotage/", include("mutualis.steering.urls")),
    path("questionnaires/", include("mutualis.surveys.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]
