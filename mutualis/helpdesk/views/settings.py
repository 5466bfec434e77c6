"""The coordinator's settings of the desk: routing rules and deadlines per topic, hourly rates."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mutualis.core.forms import add_service_error
from mutualis.helpdesk import services
from mutualis.helpdesk.forms import HourlyRateForm, RoutingRuleFormSet
from mutualis.helpdesk.models import HourlyRate
from mutualis.territory.access import requires


@requires("helpdesk.manage_settings")
def settings_edit(request: HttpRequest) -> HttpResponse:
    rules = services.routing_rules_for(request.territory)
    formset = RoutingRuleFormSet(request.POST if "rules" in request.POST else None, queryset=rules, prefix="rules")
    rate_form = HourlyRateForm(request.POST if "set_rate" in request.POST else None)
    if formset.is_bound and formset.is_valid():
        services.routing_rules_save(rules=formset.save(commit=False), by=request.user)
        messages.success(request, _("Les règles d'orientation sont enregistrées."))
        return redirect("helpdesk:settings")
    if rate_form.is_bound and rate_form.is_valid():
        try:
            services.hourly_rate_set(territory=request.territory, by=request.user, **rate_form.cleaned_data)
        except ValidationError as error:
            add_service_error(rate_form, error)
        else:
            messages.success(request, _("Le tarif horaire est enregistré."))
            return redirect("helpdesk:settings")
    context = {
        "formset": formset,
        "rate_form": rate_form,
        "rates": HourlyRate.objects.filter(territory=request.territory).with_list_data(),
    }
    return render(request, "helpdesk/settings.html", context, status=400 if request.method == "POST" else 200)
