from django.urls import path

from mutualis.steering.views import actions, adjustments, indicators, milestones, report, schemes

app_name = "steering"
urlpatterns = [
    path("", schemes.scheme_list, name="scheme_list"),
    path("nouveau/", schemes.scheme_create, name="scheme_create"),
    path("<int:pk>/", schemes.scheme_detail, name="scheme_detail"),
    path("<int:pk>/modifier/", schemes.scheme_edit, name="scheme_edit"),
    path("<int:pk>/actions/nouvelle/", actions.action_create, name="action_create"),
    path("<int:pk>/bilan/", report.report_prepare, name="report_prepare"),
    path("<int:pk>/bilan/pdf/", report.report_pdf, name="report_pdf"),
    path("<int:pk>/bilan/pdf/etat/", report.report_pdf_status, name="report_pdf_status"),
    path("<int:pk>/bilan/odt/", report.report_odt_download, name="report_odt"),
    path("actions/<int:pk>/", actions.action_detail, name="action_detail"),
    path("actions/<int:pk>/modifier/", actions.action_edit, name="action_edit"),
    path("actions/<int:pk>/echeances/nouvelle/", milestones.milestone_create, name="milestone_create"),
    path("actions/<int:pk>/indicateurs/nouveau/", indicators.indicator_create, name="indicator_create"),
    path("actions/<int:pk>/couts/nouveau/", indicators.cost_create, name="cost_create"),
    path("actions/<int:pk>/ajustements/nouveau/", adjustments.adjustment_create, name="adjustment_create"),
    path("echeances/<int:pk>/", milestones.milestone_detail, name="milestone_detail"),
    path("echeances/<int:pk>/modifier/", milestones.milestone_edit, name="milestone_edit"),
    path("indicateurs/<int:pk>/", indicators.indicator_detail, name="indicator_detail"),
    path("ajustements/pour-un-service/", adjustments.adjustment_for_service, name="adjustment_for_service"),
    path("ajustements/<int:pk>/", adjustments.adjustment_detail, name="adjustment_detail"),
    path("ajustements/<int:pk>/decision/", adjustments.adjustment_decide, name="adjustment_decide"),
]
