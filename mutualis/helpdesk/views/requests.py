"""Asking the expertise desk, following one's requests, and the experts' inbox."""

from __future__ import annotations

import tablib
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mutualis.core.exports import export_dataset, export_response
from mutualis.core.forms import add_service_error
from mutualis.core.lists import paginated
from mutualis.helpdesk import services
from mutualis.helpdesk.forms import AskForm, MessageForm, RatingForm, RequestFilterForm, TimeEntryForm
from mutualis.helpdesk.models import Article, Request, RequestQuerySet
from mutualis.territory.access import requires
from mutualis.territory.models import Organisation

SUGGESTIONS = 5


@requires("helpdesk.view_requests")
def request_list(request: HttpRequest) -> HttpResponse:
    organisations = Organisation.objects.filter(territory=request.territory).order_by("search_name")
    form = RequestFilterForm(request.GET or None, organisations=organisations)
    requests = form.filter(Request.objects.visible_to(request.user).filter(territory=request.territory))
    requests = requests.with_list_data()
    if "format" in request.GET:
        return export_response(requests_dataset(requests), request.GET["format"], "sollicitations")
    context = {"form": form, **paginated(request, requests)}
    template = "helpdesk/request_list.html"
    return render(request, f"{template}#results" if request.htmx else template, context)


def requests_dataset(requests: RequestQuerySet) -> tablib.Dataset:
    headers = [_("N°"), _("Objet"), _("Organisation"), _("Thème"), _("Service chargé"), _("Statut"), _("Posée le"),
               _("Première réponse attendue le"), _("Première réponse le"), _("Résolution attendue le"),
               _("Répondue le"), _("Note")]  # fmt: skip
    rows = (
        [
            r.pk,
            r.subject,
            r.organisation.name,
            r.get_topic_display(),
            r.get_service_display(),
            r.get_status_display(),
            r.created_on,
            r.first_response_due,
            r.first_response_at.date() if r.first_response_at else None,
            r.resolution_due,
            r.resolved_at.date() if r.resolved_at else None,
            r.rating,
        ]  # fmt: skip
        for r in requests
    )
    return export_dataset(headers, rows, title=_("Sollicitations"))


@requires("helpdesk.ask")
def request_create(request: HttpRequest) -> HttpResponse:
    form = AskForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.request_create(
                organisation=request.membership.organisation, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Votre question est transmise au service chargé de ce thème."))
            return redirect("helpdesk:request_detail", pk=created.pk)
    return render(request, "helpdesk/request_form.html", {"form": form})


@requires("helpdesk.view_knowledge_base")
def suggestions(request: HttpRequest) -> HttpResponse:
    """Published articles matching what she is typing (htmx, while she types her question)."""
    text = " ".join(request.GET.get(name, "") for name in ("subject", "question"))
    articles = (
        Article.objects.visible_to(request.user)
        .published()
        .filter(territory=request.territory)
        .search(text)[:SUGGESTIONS]
    )
    return render(request, "helpdesk/_suggestions.html", {"articles": articles, "searched": bool(text.strip())})


@requires("helpdesk.view_request", model=Request, detail=True)
def request_detail(http: HttpRequest, request: Request) -> HttpResponse:
    return render_detail(http, request)


def render_detail(http: HttpRequest, request: Request, **forms) -> HttpResponse:
    """The request's page; `forms` replace the blank ones (a form sent back with its errors)."""
    user = http.user
    context = {
        "object": request,
        "message_form": MessageForm() if user.has_perm("helpdesk.post_message", request) else None,
        "time_form": TimeEntryForm() if user.has_perm("helpdesk.record_time", request) else None,
        "rating_form": RatingForm() if user.has_perm("helpdesk.rate", request) else None,
        **forms,
    }
    return render(http, "helpdesk/request_detail.html", context, status=400 if forms else 200)
