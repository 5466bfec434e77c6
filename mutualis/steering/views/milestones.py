from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mutualis.core.forms import add_service_error
from mutualis.core.history import history_entries
from mutualis.steering import services
from mutualis.steering.forms import MilestoneForm
from mutualis.steering.models import Action, Milestone
from mutualis.steering.views.common import form_page
from mutualis.territory.access import requires


def _save(
    request: HttpRequest, form: MilestoneForm, action: Action, milestone: Milestone | None
) -> HttpResponse | None:
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.milestone_save(action=action, milestone=milestone, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("L'échéance est enregistrée."))
            return redirect("steering:milestone_detail", pk=saved.pk)
    return None


@requires("steering.manage_scheme", model=Action, detail=True)
def milestone_create(request: HttpRequest, action: Action) -> HttpResponse:
    form = MilestoneForm(request.POST or None)
    back = (reverse("steering:action_detail", args=[action.pk]), str(action))
    return _save(request, form, action, None) or form_page(request, form, _("Nouvelle échéance"), back)


@requires("steering.manage_scheme", model=Milestone, detail=True)
def milestone_edit(request: HttpRequest, milestone: Milestone) -> HttpResponse:
    form = MilestoneForm.for_milestone(milestone, request.POST or None)
    back = (reverse("steering:milestone_detail", args=[milestone.pk]), str(milestone))
    return _save(request, form, milestone.action, milestone) or form_page(request, form, _("Modifier l'échéance"), back)


@requires("steering.view_scheme", model=Milestone, detail=True)
def milestone_detail(request: HttpRequest, milestone: Milestone) -> HttpResponse:
    """The milestone and its history: an accepted adjustment's former values stay readable here."""
    entries = history_entries(milestone.history.select_related("history_user"), subject=lambda r: r.title)
    context = {
        "milestone": milestone,
        "state": milestone.state_label_on(timezone.localdate()),
        "entries": entries,
        "can_manage": request.user.has_perm("steering.manage_scheme", milestone),
    }
    return render(request, "steering/milestone_detail.html", context)
