from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from mutualis.core.forms import add_service_error
from mutualis.steering import services
from mutualis.steering.forms import AdjustmentForm, DecisionForm, MilestoneChangeForm
from mutualis.steering.models import Action, Adjustment, AdjustmentStatus, Scheme
from mutualis.steering.views.common import form_page
from mutualis.territory.access import requires


@requires("steering.manage_scheme", model=Action, detail=True)
def adjustment_create(request: HttpRequest, action: Action) -> HttpResponse:
    """The technical committee's proposal, with the milestones it would change."""
    data = request.POST or None
    # A proposal prepared elsewhere (the services communs' commission) arrives pre-filled.
    initial = {name: request.GET[name] for name in ("kind", "text") if name in request.GET}
    form = AdjustmentForm(data, initial={"proposed_on": timezone.localdate(), **initial})
    rows = [MilestoneChangeForm(data, milestone=m) for m in action.milestones.order_by("due_start", "pk")]
    if request.method == "POST" and form.is_valid() and all(row.is_valid() for row in rows):
        changes = [
            services.ProposedChange(
                row.milestone,
                row.cleaned_data["due"] if row.cleaned_data["change_due"] else None,
                row.cleaned_data["status"],
            )
            for row in rows
            if row.cleaned_data["change_due"] or row.cleaned_data["status"]
        ]
        try:
            adjustment = services.adjustment_propose(
                action=action, changes=changes, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("La proposition d'ajustement est enregistrée."))
            return redirect("steering:adjustment_detail", pk=adjustment.pk)
    context = {"action": action, "form": form, "rows": rows}
    return render(request, "steering/adjustment_form.html", context)


@requires("steering.manage_scheme")
def adjustment_for_service(request: HttpRequest) -> HttpResponse:
    """The proposal form of the action that steers ?service= in the schéma in force, pre-filled with
    ?kind= and ?text=: how a service's own body (a commission) sends a proposal to the Bureau
    without importing steering."""
    today = timezone.localdate()
    schemes = Scheme.objects.in_force(request.territory, today)
    action = Action.objects.filter(scheme__in=schemes, service=request.GET.get("service", "")).first()
    if action is None:
        messages.error(request, _("Aucune action du schéma en vigueur ne pilote ce service."))
        return redirect("steering:scheme_list")
    query = urlencode({name: request.GET[name] for name in ("kind", "text") if name in request.GET})
    return redirect(f"{reverse('steering:adjustment_create', args=[action.pk])}?{query}")


@requires("steering.view_scheme", model=Adjustment, detail=True)
def adjustment_detail(request: HttpRequest, adjustment: Adjustment) -> HttpResponse:
    context = {
        "adjustment": adjustment,
        "changes": adjustment.changes.select_related("milestone"),
        "can_decide": adjustment.status == AdjustmentStatus.PROPOSED
        and request.user.has_perm("steering.manage_scheme", adjustment),
    }
    return render(request, "steering/adjustment_detail.html", context)


@requires("steering.manage_scheme", model=Adjustment, detail=True)
def adjustment_decide(request: HttpRequest, adjustment: Adjustment) -> HttpResponse:
    """Record the Bureau's decision; when it accepts, the milestones change."""
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.adjustment_decide(adjustment=adjustment, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("La décision du Bureau est enregistrée."))
            return redirect("steering:adjustment_detail", pk=adjustment.pk)
    back = (reverse("steering:adjustment_detail", args=[adjustment.pk]), str(adjustment))
    return form_page(request, form, _("Décision du Bureau"), back)
