"""The thread of a request: messages both ways, time spent, resolution, rating, cancellation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from mutualis.core.forms import add_service_error, post_only
from mutualis.helpdesk import services
from mutualis.helpdesk.forms import MessageForm, RatingForm, TimeEntryForm
from mutualis.helpdesk.models import Request
from mutualis.helpdesk.permissions import is_expert
from mutualis.helpdesk.views.requests import render_detail
from mutualis.territory.access import requires


def _back(request: Request) -> HttpResponse:
    return redirect("helpdesk:request_detail", pk=request.pk)


@requires("helpdesk.post_message", model=Request)
@post_only
def message_post(http: HttpRequest, request: Request) -> HttpResponse:
    form = MessageForm(http.POST)
    if form.is_valid():
        # One writing as both (a coordinator asking for the EPCI) writes as the asking side.
        from_expert = is_expert(http.user, request) and request.organisation_id != http.membership.organisation_id
        try:
            services.message_post(request=request, author=http.user, from_expert=from_expert, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(http, _("Votre message est envoyé."))
            return _back(request)
    return render_detail(http, request, message_form=form)


@requires("helpdesk.record_time", model=Request)
@post_only
def time_record(http: HttpRequest, request: Request) -> HttpResponse:
    form = TimeEntryForm(http.POST)
    if form.is_valid():
        try:
            services.time_record(request=request, expert=http.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(http, _("Le temps passé est enregistré."))
            return _back(request)
    return render_detail(http, request, time_form=form)


@requires("helpdesk.resolve", model=Request)
@post_only
def request_resolve(http: HttpRequest, request: Request) -> HttpResponse:
    try:
        services.request_resolve(request=request, by=http.user)
    except ValidationError as error:
        messages.error(http, " ".join(error.messages))
    else:
        messages.success(http, _("La sollicitation est répondue ; la commune est invitée à noter la réponse."))
    return _back(request)


@requires("helpdesk.rate", model=Request)
@post_only
def request_rate(http: HttpRequest, request: Request) -> HttpResponse:
    form = RatingForm(http.POST)
    if form.is_valid():
        try:
            services.request_rate(request=request, by=http.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(http, _("Merci pour votre avis."))
            return _back(request)
    return render_detail(http, request, rating_form=form)


@requires("helpdesk.cancel", model=Request)
@post_only
def request_cancel(http: HttpRequest, request: Request) -> HttpResponse:
    try:
        services.request_cancel(request=request, by=http.user)
    except ValidationError as error:
        messages.error(http, " ".join(error.messages))
    else:
        messages.success(http, _("La sollicitation est annulée."))
    return _back(request)
