from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from mutualis.core.forms import add_service_error
from mutualis.steering import services
from mutualis.steering.forms import AdjustmentForm, DecisionForm, MilestoneChangeForm
from mutualis.steering.models import Action, Adjustment, AdjustmentStatus
from mutualis.steering.views.common import form_page
from mutualis.territory.access import requires


@requires("steering.manage_scheme", model=Action, detail=True)
def adjustment_create(request: HttpRequest, action: Action) -> HttpResponse:
    """The technical committee's proposal, with the milestones it would change."""
    data = request.POST or None
    form = AdjustmentForm(data)
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
