from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mutualis.core.forms import add_service_error
from mutualis.steering import services
from mutualis.steering.charts import indicator_chart
from mutualis.steering.forms import CostForm, IndicatorForm, ManualValueForm, TargetForm
from mutualis.steering.models import Action, CostLine, IndicatorDefinition
from mutualis.steering.views.common import form_page
from mutualis.territory.access import requires


@requires("steering.manage_scheme", model=Action, detail=True)
def indicator_create(request: HttpRequest, action: Action) -> HttpResponse:
    form = IndicatorForm(request.POST or None, instance=IndicatorDefinition(action=action))
    if request.method == "POST" and form.is_valid():
        definition = form.save()
        messages.success(request, _("L'indicateur est enregistré."))
        return redirect("steering:indicator_detail", pk=definition.pk)
    return form_page(
        request, form, _("Nouvel indicateur"), (reverse("steering:action_detail", args=[action.pk]), str(action))
    )


@requires("steering.view_scheme", model=IndicatorDefinition, detail=True)
def indicator_detail(request: HttpRequest, indicatordefinition: IndicatorDefinition) -> HttpResponse:
    """Targets per year and, for an indicator no service computes, the values entered with their source."""
    definition = indicatordefinition
    prefetch_related_objects([definition], "targets", "values")
    years = definition.action.scheme.years
    can_manage = request.user.has_perm("steering.manage_scheme", definition)
    target_form = TargetForm(request.POST if "target" in request.POST else None, years=years, prefix="target")
    value_form = ManualValueForm(request.POST if "value" in request.POST else None, years=years, prefix="value")
    if request.method == "POST" and can_manage:
        for form, save in ((target_form, services.target_set), (value_form, services.manual_value_set)):
            if form.is_bound and form.is_valid():
                try:
                    save(definition=definition, **form.cleaned_data)
                except ValidationError as error:
                    add_service_error(form, error)
                else:
                    messages.success(request, _("La valeur est enregistrée."))
                    return redirect("steering:indicator_detail", pk=definition.pk)
    targets = {t.year: t for t in definition.targets.all()}
    values = {v.year: v for v in definition.values.all()}
    context = {
        "definition": definition,
        "rows": [(year, targets.get(year), values.get(year)) for year in years],
        "target_form": target_form,
        "value_form": None if definition.registry_key else value_form,
        "can_manage": can_manage,
        "chart": indicator_chart(definition, timezone.localdate()),
    }
    return render(request, "steering/indicator_detail.html", context)


@requires("steering.manage_scheme", model=Action, detail=True)
def cost_create(request: HttpRequest, action: Action) -> HttpResponse:
    form = CostForm(request.POST or None, instance=CostLine(action=action))
    if request.method == "POST" and form.is_valid():
        cost = form.save()
        messages.success(request, _("Le coût est enregistré."))
        return redirect(reverse("steering:action_detail", args=[action.pk]) + f"?year={cost.year}")
    return form_page(
        request, form, _("Déclarer un coût"), (reverse("steering:action_detail", args=[action.pk]), str(action))
    )
