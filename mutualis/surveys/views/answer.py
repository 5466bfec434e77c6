"""The public answer page: reached through the personal link's token, without an account."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from mutualis.core.forms import add_service_error
from mutualis.surveys import services
from mutualis.surveys.forms import AnswerForm
from mutualis.surveys.models import Invitation


def answer(request: HttpRequest, token: str) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.select_related("survey__territory"), token=token)
    survey = invitation.survey
    context = {"survey": survey, "invitation": invitation, "territory_name": survey.territory.short_name}
    if invitation.answered_at is not None:
        return render(request, "surveys/answer_done.html", context)
    if not survey.is_open:
        return render(request, "surveys/answer_closed.html", context, status=410 if survey.is_closed else 404)
    questions = list(survey.questions.order_by("order", "pk").prefetch_related("choices"))
    form = AnswerForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_submit(invitation=invitation, values=form.values())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return render(request, "surveys/answer_done.html", {**context, "just_answered": True})
    return render(request, "surveys/answer_form.html", {**context, "form": form})
