from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from mutualis.core.exports import export_dataset, export_response
from mutualis.surveys.models import Survey
from mutualis.surveys.results import responses_table, summary_table, survey_results
from mutualis.territory.access import requires


@requires("surveys.view_results", model=Survey)
def survey_results_view(request: HttpRequest, survey: Survey) -> HttpResponse:
    """Counts and percentages per question; `?format=` exports them, `?table=responses&format=`
    exports one row per response (the coordination only)."""
    may_see_answers = request.user.has_perm("surveys.view_answers", survey)
    if "format" in request.GET:
        if request.GET.get("table") == "responses" and may_see_answers:
            headers, rows = responses_table(survey)
            name, title = "reponses", _("Réponses")
        else:
            headers, rows = summary_table(survey_results(survey, with_texts=False))
            name, title = "resultats", _("Résultats")
        return export_response(
            export_dataset(headers, rows, title), request.GET["format"], f"questionnaire-{survey.pk}-{name}"
        )
    results = survey_results(survey, with_texts=may_see_answers)
    return render(
        request,
        "surveys/survey_results.html",
        {"survey": survey, "results": results, "may_see_answers": may_see_answers},
    )
