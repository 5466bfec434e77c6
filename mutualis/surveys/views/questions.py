from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mutualis.core.forms import add_service_error
from mutualis.surveys import services
from mutualis.surveys.forms import QuestionForm
from mutualis.surveys.models import Question, Survey
from mutualis.territory.access import requires


@requires("surveys.change_questions", model=Survey)
def question_add(request: HttpRequest, survey: Survey) -> HttpResponse:
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_add(survey=survey, by=request.user, **form.service_arguments())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("La question est ajoutée."))
            return redirect("surveys:survey_detail", pk=survey.pk)
    return render(request, "surveys/question_form.html", {"form": form, "survey": survey})


@requires("surveys.change_questions", model=Question)
def question_edit(request: HttpRequest, question: Question) -> HttpResponse:
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(question=question, by=request.user, **form.service_arguments())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("La question est modifiée."))
            return redirect("surveys:survey_detail", pk=question.survey_id)
    return render(
        request, "surveys/question_form.html", {"form": form, "survey": question.survey, "question": question}
    )


@requires("surveys.change_questions", model=Question)
@require_POST
def question_delete(request: HttpRequest, question: Question) -> HttpResponse:
    services.question_delete(question=question, by=request.user)
    messages.success(request, _("La question est supprimée."))
    return redirect("surveys:survey_detail", pk=question.survey_id)
