from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mutualis.core.exports import export_dataset, export_response
from mutualis.core.forms import add_service_error
from mutualis.core.lists import paginated
from mutualis.surveys import services
from mutualis.surveys.forms import SurveyForm
from mutualis.surveys.models import Survey, SurveyStatus
from mutualis.surveys.results import share
from mutualis.territory.access import requires


@requires("surveys.view_surveys")
def survey_list(request: HttpRequest) -> HttpResponse:
    surveys = Survey.objects.visible_to(request.user).filter(territory=request.territory).with_list_data()
    status = request.GET.get("status")
    if status in SurveyStatus.values:
        surveys = surveys.filter(status=status)
    if "format" in request.GET:
        headers = [_("Questionnaire"), _("État"), _("Date limite"), _("Invitations"), _("Réponses"),
                   _("Taux de réponse (%)")]  # fmt: skip
        rows = ([s.title, s.status_label, s.closes_on, s.invitation_count, s.response_count,
                 share(s.response_count, s.invitation_count)] for s in surveys)  # fmt: skip
        return export_response(
            export_dataset(headers, rows, _("Questionnaires")), request.GET["format"], "questionnaires"
        )
    context = {"statuses": SurveyStatus.choices, "status": status, **paginated(request, surveys)}
    return render(request, "surveys/survey_list.html", context)


@requires("surveys.create_survey")
def survey_create(request: HttpRequest) -> HttpResponse:
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        survey = services.survey_create(territory=request.territory, by=request.user, **form.cleaned_data)
        messages.success(request, _("Le questionnaire est créé : ajoutez ses questions."))
        return redirect("surveys:survey_detail", pk=survey.pk)
    return render(request, "surveys/survey_form.html", {"form": form})


@requires("surveys.view_survey", model=Survey, detail=True)
def survey_detail(request: HttpRequest, survey: Survey) -> HttpResponse:
    counts = {"invited": survey.invitations.count(), "answered": survey.responses.count()}
    return render(request, "surveys/survey_detail.html", {"survey": survey, **counts})


@requires("surveys.change_survey", model=Survey)
def survey_edit(request: HttpRequest, survey: Survey) -> HttpResponse:
    form = SurveyForm(request.POST or None, instance=survey)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_update(survey=survey, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return redirect("surveys:survey_detail", pk=survey.pk)
    return render(request, "surveys/survey_form.html", {"form": form, "survey": survey})


def _transition(request: HttpRequest, survey: Survey, service, done: str) -> HttpResponse:
    try:
        service(survey=survey, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("surveys:survey_detail", pk=survey.pk)


@requires("surveys.open_survey", model=Survey)
@require_POST
def survey_open(request: HttpRequest, survey: Survey) -> HttpResponse:
    return _transition(request, survey, services.survey_open, _("Le questionnaire est ouvert : envoyez les liens."))


@requires("surveys.close_survey", model=Survey)
@require_POST
def survey_close(request: HttpRequest, survey: Survey) -> HttpResponse:
    return _transition(request, survey, services.survey_close, _("Le questionnaire est clos."))
