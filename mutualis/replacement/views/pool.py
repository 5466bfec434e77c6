from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from mutualis.core.exports import export_dataset, export_response
from mutualis.core.forms import add_service_error
from mutualis.core.lists import paginated
from mutualis.replacement import services
from mutualis.replacement.forms import AgentForm, UnavailabilityForm
from mutualis.replacement.models import Agent
from mutualis.territory.access import requires


@requires("replacement.view_pool")
def agent_list(request: HttpRequest) -> HttpResponse:
    agents = Agent.objects.visible_to(request.user).filter(territory=request.territory).with_list_data()
    if "format" in request.GET:
        headers = [_("Nom"), _("Commune de résidence"), _("Heures par semaine"), _("Distance maximale (km)"),
                   _("Compétences"), _("En activité")]  # fmt: skip
        rows = (
            [
                a.name,
                a.home.name,
                a.working_hours,
                a.max_km,
                ", ".join(str(s) for s in a.skills.all()),
                _("oui") if a.is_active else _("non"),
            ]  # fmt: skip
            for a in agents
        )
        dataset = export_dataset(headers, rows, title=_("Agents de remplacement"))
        return export_response(dataset, request.GET["format"], "agents-remplacement")
    return render(request, "replacement/agent_list.html", paginated(request, agents))


def _agent_form(request: HttpRequest, agent: Agent | None) -> HttpResponse:
    initial = AgentForm.initial_for(agent) if agent else None
    form = AgentForm(request.POST or None, territory=request.territory, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.agent_save(territory=request.territory, agent=agent, by=request.user,
                                        **form.agent_fields())  # fmt: skip
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("La fiche de l'agent est enregistrée."))
            return redirect("replacement:agent_detail", pk=saved.pk)
    return render(request, "replacement/agent_form.html", {"form": form, "agent": agent})


@requires("replacement.manage_pool")
def agent_create(request: HttpRequest) -> HttpResponse:
    return _agent_form(request, None)


@requires("replacement.change_agent", model=Agent, detail=True)
def agent_edit(request: HttpRequest, agent: Agent) -> HttpResponse:
    return _agent_form(request, agent)


@requires("replacement.view_agent", model=Agent, detail=True)
def agent_detail(request: HttpRequest, agent: Agent) -> HttpResponse:
    missions = agent.assignments.active().filter(end__gt=timezone.localdate()).select_related("organisation")
    context = {"agent": agent, "missions": missions.order_by("start"), "form": UnavailabilityForm()}
    return render(request, "replacement/agent_detail.html", context)


@requires("replacement.change_agent", model=Agent, detail=True)
def unavailability_add(request: HttpRequest, agent: Agent) -> HttpResponse:
    form = UnavailabilityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.unavailability_add(agent=agent, kind=form.cleaned_data["kind"], note=form.cleaned_data["note"],
                                        by=request.user, **form.period())  # fmt: skip
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("L'indisponibilité est enregistrée."))
            return redirect("replacement:agent_detail", pk=agent.pk)
    return render(request, "replacement/unavailability_form.html", {"form": form, "agent": agent})
