from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from mutualis.core.exports import export_dataset, export_response
from mutualis.core.forms import add_service_error
from mutualis.core.lists import paginated
from mutualis.steering import services
from mutualis.steering.forms import ParticipationForm, WithdrawalForm
from mutualis.steering.models import Action, Participation
from mutualis.steering.views.common import form_page
from mutualis.territory.access import requires


@requires("steering.view_scheme", model=Action, detail=True)
def participation_list(request: HttpRequest, action: Action) -> HttpResponse:
    """Every participation in the action, past ones too; `?current=1` keeps those still open."""
    rows = Participation.objects.filter(action=action).with_list_data()
    if request.GET.get("current"):
        rows = rows.filter(until__isnull=True)
    if "format" in request.GET:
        headers = [_("Organisation"), _("Type"), _("Secteur"), _("Depuis le"), _("Jusqu'au"), _("Décision de retrait")]
        data = (
            [p.organisation.name, p.organisation.get_kind_display(), p.organisation.sector or "", p.since, p.until,
             str(p.withdrawal_decision or "")]
            for p in rows
        )  # fmt: skip
        return export_response(export_dataset(headers, data, title=_("Participations")), request.GET["format"],
                               f"participations-action-{action.number}")  # fmt: skip
    context = {
        "action": action,
        **paginated(request, rows),
        "can_manage": request.user.has_perm("steering.manage_scheme", action),
    }
    return render(request, "steering/participation_list.html", context)


@requires("steering.manage_scheme", model=Action, detail=True)
def participation_create(request: HttpRequest, action: Action) -> HttpResponse:
    form = ParticipationForm(request.POST or None, territory=action.territory)
    if request.method == "POST" and form.is_valid():
        try:
            services.participation_create(action=action, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("La participation est enregistrée."))
            return redirect("steering:participation_list", pk=action.pk)
    back = (reverse("steering:participation_list", args=[action.pk]), str(action))
    return form_page(request, form, _("Nouvelle participation"), back)


@requires("steering.manage_scheme", model=Participation, detail=True)
def participation_withdraw(request: HttpRequest, participation: Participation) -> HttpResponse:
    """Free before the action's launch; after it, the Bureau's decision is recorded with the withdrawal."""
    form = WithdrawalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.participation_withdraw_with_decision(participation=participation, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Le retrait est enregistré."))
            return redirect("steering:participation_list", pk=participation.action_id)
    back = (reverse("steering:participation_list", args=[participation.action_id]), str(participation.action))
    title = _("Retrait de %(organisation)s") % {"organisation": participation.organisation}
    return form_page(request, form, title, back, launched_on=participation.action.launched_on)
