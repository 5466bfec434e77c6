from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from mutualis.core.exports import export_dataset, export_response
from mutualis.core.forms import add_service_error, post_only
from mutualis.core.lists import paginated
from mutualis.replacement import services
from mutualis.replacement.forms import AssignForm, RequestForm, StatusFilterForm
from mutualis.replacement.matching import matching_period, rank_candidates
from mutualis.replacement.models import Request, RequestQuerySet, rules_on
from mutualis.territory.access import requires
from mutualis.territory.models import Service


@requires("replacement.view_requests")
def request_list(request: HttpRequest) -> HttpResponse:
    """Requests the user may see; for the service, the queue of open requests in priority order."""
    visible = Request.objects.visible_to(request.user).filter(territory=request.territory)
    form = StatusFilterForm(request.GET or None)
    rules = rules_on(request.territory, timezone.localdate())
    rows = form.filter(visible).queue(rules.small_communes_first)
    if "format" in request.GET:
        return export_response(requests_dataset(rows), request.GET["format"], "demandes-remplacement")
    context = {"form": form, "rules": rules, **paginated(request, rows)}
    template = "replacement/request_list.html"
    return render(request, f"{template}#results" if request.htmx else template, context)


def requests_dataset(rows: RequestQuerySet):
    headers = [
        _("Organisation"),
        _("Population"),
        _("Motif"),
        _("Premier jour"),
        _("Dernier jour"),
        _("Heures par semaine"),
        _("Jours"),
        _("Compétences"),
        _("Urgence"),
        _("Statut"),
        _("Reçue le"),
    ]
    data = (
        [
            r.organisation.name,
            r.organisation.population,
            r.get_motive_display(),
            r.start,
            r.last_day,
            r.weekly_hours,
            ", ".join(map(str, r.weekday_labels)),
            ", ".join(map(str, r.skill_labels)),
            r.get_urgency_display(),
            r.get_status_display(),
            timezone.localtime(r.created_at).date(),
        ]  # fmt: skip
        for r in rows
    )
    return export_dataset(headers, data, title=_("Demandes de remplacement"))


@requires("replacement.ask")
def request_create(request: HttpRequest) -> HttpResponse:
    organisation = request.membership.organisation
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.request_create(organisation=organisation, created_by=request.user,
                                              **form.request_fields())  # fmt: skip
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Votre demande est transmise au service de remplacement."))
            return redirect("replacement:request_detail", pk=created.pk)
    adhesion = organisation.adhesions.of_service(Service.REPLACEMENT).open().first()
    return render(request, "replacement/request_form.html", {"form": form, "organisation": organisation,
                                                              "adhesion": adhesion})  # fmt: skip


@requires("replacement.view_request", model=Request, detail=True)
def request_detail(http: HttpRequest, request: Request) -> HttpResponse:
    return _detail(http, request)


def _detail(http: HttpRequest, request: Request, assign_form: AssignForm | None = None) -> HttpResponse:
    """The request, its missions and, for the service, the ranked candidates and the assign form."""
    context = {"request_row": request, "assignments": list(request.assignments.all())}
    if http.user.has_perm("replacement.assign", request):
        start, end = matching_period(request)
        context["candidates"], context["discarded"] = rank_candidates(request)
        context["assign_form"] = assign_form or AssignForm(
            territory=request.territory,
            initial={"start": start, "last_day": end - timedelta(days=1), "weekly_hours": request.weekly_hours},
        )
    return render(http, "replacement/request_detail.html", context)


@requires("replacement.assign", model=Request, detail=True)
@post_only
def request_assign(http: HttpRequest, request: Request) -> HttpResponse:
    form = AssignForm(http.POST, territory=request.territory)
    if form.is_valid():
        try:
            assignment = services.assignment_create(
                request=request, agent=form.cleaned_data["agent"], weekly_hours=form.cleaned_data["weekly_hours"],
                by=http.user, **form.period(),
            )  # fmt: skip
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(http, _("L'agent est affecté ; la convention de mise à disposition est prête."))
            return redirect("replacement:assignment_detail", pk=assignment.pk)
    return _detail(http, request, assign_form=form)


def _move(http: HttpRequest, request: Request, move, done: str) -> HttpResponse:
    try:
        move(request=request, by=http.user)
    except ValidationError as error:
        messages.error(http, " ".join(error.messages))
    else:
        messages.success(http, done)
    return redirect("replacement:request_detail", pk=request.pk)


@requires("replacement.cancel_request", model=Request)
@post_only
def request_cancel(http: HttpRequest, request: Request) -> HttpResponse:
    return _move(http, request, services.request_cancel, _("La demande est annulée."))


@requires("replacement.end_request", model=Request)
@post_only
def request_end(http: HttpRequest, request: Request) -> HttpResponse:
    return _move(http, request, services.request_end, _("La demande est terminée."))
