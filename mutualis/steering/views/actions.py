from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mutualis.core.periods import year_span
from mutualis.steering.charts import balance_chart
from mutualis.steering.figures import balances_by_year, indicator_results
from mutualis.steering.forms import ActionForm
from mutualis.steering.models import Action, Scheme
from mutualis.steering.participants import participants_of
from mutualis.steering.views.common import form_page, year_of
from mutualis.territory.access import requires


@requires("steering.manage_scheme", model=Scheme)
def action_create(request: HttpRequest, scheme: Scheme) -> HttpResponse:
    number = (scheme.actions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    form = ActionForm(request.POST or None, instance=Action(scheme=scheme), initial={"number": number})
    if request.method == "POST" and form.is_valid():
        action = form.save()
        messages.success(request, _("L'action est enregistrée."))
        return redirect("steering:action_detail", pk=action.pk)
    back = (reverse("steering:scheme_detail", args=[scheme.pk]), str(scheme))
    return form_page(request, form, _("Nouvelle action"), back)


@requires("steering.manage_scheme", model=Action, detail=True)
def action_edit(request: HttpRequest, action: Action) -> HttpResponse:
    form = ActionForm(request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("L'action est enregistrée."))
        return redirect("steering:action_detail", pk=action.pk)
    return form_page(
        request, form, _("Modifier l'action"), (reverse("steering:action_detail", args=[action.pk]), str(action))
    )


@requires("steering.view_scheme", model=Action, detail=True)
def action_detail(request: HttpRequest, action: Action) -> HttpResponse:
    """The action, its milestones, and the year's participants, indicators and economic balance."""
    year = year_of(request, action.scheme)
    today = timezone.localdate()
    years = action.scheme.years
    money = balances_by_year([action], sorted({*years, year}))
    context = {
        "action": action,
        "year": year,
        "today": today,
        "milestones": action.milestones.order_by("due_start", "due_end", "pk"),
        "participants": participants_of(action, *year_span(year)),
        "results": indicator_results([action], year, money[year])[action.pk],
        "balance": money[year][action.pk],
        "balance_chart": balance_chart(action, {y: money[y][action.pk] for y in years}, today),
        "costs": action.costs.filter(year=year),
        "adjustments": action.adjustments.all(),
        "can_manage": request.user.has_perm("steering.manage_scheme", action),
    }
    return render(request, "steering/action_detail.html", context)
