from django.urls import include, path

from mutualis.agreements import adhesion_views, views

app_name = "agreements"
adhesion_patterns = [
    path("", adhesion_views.adhesion_list, name="list"),
    path("demander/", adhesion_views.adhesion_request, name="request"),
    path("<int:pk>/retrait/", adhesion_views.adhesion_withdraw, name="withdraw"),
]
urlpatterns = [
    path("", views.convention_list, name="convention_list"),
    path("nouvelle/", views.convention_create, name="convention_create"),
    path("<int:pk>/", views.convention_detail, name="convention_detail"),
    path("<int:pk>/envoyer/", views.convention_send, name="convention_send"),
    path("<int:pk>/signer/", views.convention_sign, name="convention_sign"),
    path("<int:pk>/terminer/", views.convention_end, name="convention_end"),
    path("<int:pk>/annuler/", views.convention_cancel, name="convention_cancel"),
    path("<int:pk>/pdf/", views.convention_pdf, name="convention_pdf"),
    path("<int:pk>/derogation/", views.convention_waive, name="convention_waive"),
    path("parties/<int:pk>/signer/", views.party_sign, name="party_sign"),
    path("derogations/<int:pk>/retirer/", views.waiver_revoke, name="waiver_revoke"),
    path("modeles/", views.template_list, name="template_list"),
    path("modeles/<int:pk>/", views.template_detail, name="template_detail"),
    path("modeles/<int:pk>/modifier/", views.template_edit, name="template_edit"),
    path("adhesions/", include((adhesion_patterns, "adhesions"))),
]
