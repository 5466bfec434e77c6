from django.urls import path

from mutualis.grants.views import applications, dashboard, instruction, open_data, payments, rules

app_name = "grants"
urlpatterns = [
    path("", applications.application_list, name="application_list"),
    path("deposer/", applications.application_create, name="application_create"),
    path("plafonds/", applications.limits_preview, name="limits"),
    path("<int:pk>/", applications.application_detail, name="application_detail"),
    path("<int:pk>/modifier/", applications.application_edit, name="application_edit"),
    path("<int:pk>/deposer/", applications.application_submit, name="application_submit"),
    path("<int:pk>/retirer/", applications.application_withdraw, name="application_withdraw"),
    path("<int:pk>/piece/", applications.document_add, name="document_add"),
    path("<int:pk>/message/", applications.message_post, name="message_post"),
    path("<int:pk>/lettre.pdf", applications.letter_pdf, name="letter_pdf"),
    path("<int:pk>/pieces-demandees/", instruction.documents_request, name="documents_request"),
    path("<int:pk>/avis/", instruction.opinion_record, name="opinion_record"),
    path("<int:pk>/proposition/", instruction.amount_propose, name="amount_propose"),
    path("<int:pk>/decision/", instruction.decision_record, name="decision_record"),
    path("<int:pk>/travaux/", payments.works_start, name="works_start"),
    path("<int:pk>/avance/", payments.advance_pay, name="advance_pay"),
    path("<int:pk>/solde/", payments.balance_pay, name="balance_pay"),
    path("<int:pk>/solde/apercu/", payments.balance_preview, name="balance_preview"),
    path("reglements/", rules.rules_list, name="rules_list"),
    path("reglements/nouveau/", rules.rules_create, name="rules_create"),
    path("reglements/<int:pk>/", rules.rules_edit, name="rules_edit"),
    path("natures/", rules.project_kind_create, name="project_kind_create"),
    path("tableau-de-bord/", dashboard.dashboard, name="dashboard"),
    path("donnees-ouvertes/", open_data.open_data, name="open_data"),
    path("donnees-ouvertes/siret/", open_data.territory_siret_set, name="territory_siret"),
]
