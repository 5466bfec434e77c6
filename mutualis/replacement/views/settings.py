"""The territory's settings of the service (dated tariffs and rules, adhesions) and each
organisation's page: adhesion and preferred or excluded agents."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from mutualis.agreements.models import Adhesion
from mutualis.core.forms import add_service_error
from mutualis.replacement import services
from mutualis.replacement.forms import AdhesionForm, PreferenceForm, RulesForm, TariffForm
from mutualis.replacement.models import Agent, Preference, ServiceRules, Tariff
from mutualis.territory.access import requires
from mutualis.territory.models import Organisation, Service


def _try(request: HttpRequest, form: Form, write, done: str) -> bool:
    """Run a service with the form's data; its error goes next to the field. True when done."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        write(**form.cleaned_data, by=request.user)
    except ValidationError as error:
        add_service_error(form, error)
        return False
    messages.success(request, done)
    return True


@requires("replacement.change_settings")
def service_settings(request: HttpRequest) -> HttpResponse:
    territory = request.territory
    posted = request.POST.get("form")
    tariff_form = TariffForm(request.POST if posted == "tariff" else None, prefix="tariff")
    rules_form = RulesForm(request.POST if posted == "rules" else None, prefix="rules")
    if _try(request, tariff_form, lambda **data: services.tariff_set(territory=territory, **data),
            _("Le tarif est enregistré.")) or _try(
        request, rules_form, lambda **data: services.rules_set(territory=territory, **data),
        _("Les règles sont enregistrées."),
    ):  # fmt: skip
        return redirect("replacement:settings")
    context = {
        "tariff_form": tariff_form,
        "rules_form": rules_form,
        "tariffs": Tariff.objects.filter(territory=territory).with_list_data(),
        "rules_list": ServiceRules.objects.filter(territory=territory).with_list_data(),
        "adhesions": Adhesion.objects.filter(territory=territory)
        .of_service(Service.REPLACEMENT)
        .open()
        .with_list_data(),
    }
    return render(request, "replacement/settings.html", context)


@requires("replacement.set_preferences", model=Organisation)
def organisation_service(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    """An organisation's place in the service: its adhesion and its wishes about agents."""
    agents = Agent.objects.filter(territory_id=organisation.territory_id).active().order_by("name")
    form = PreferenceForm(request.POST or None, agents=agents)
    if _try(request, form, lambda **data: services.preference_set(organisation=organisation, **data),
            _("Le souhait est enregistré.")):  # fmt: skip
        return redirect("replacement:organisation_service", pk=organisation.pk)
    context = {
        "organisation": organisation,
        "adhesion": organisation.adhesions.of_service(Service.REPLACEMENT).open().select_related("convention").first(),
        "adhesion_form": AdhesionForm(initial={"start": timezone.localdate()}),
        "preferences": Preference.objects.filter(organisation=organisation).with_list_data(),
        "form": form,
    }
    return render(request, "replacement/organisation_service.html", context)


@requires("replacement.adhere", model=Organisation)
def adhesion_create(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = AdhesionForm(request.POST or None, initial={"start": timezone.localdate()})
    if _try(request, form, lambda **data: services.adhesion_create(organisation=organisation, **data),
            _("L'adhésion est enregistrée ; sa convention est prête à être envoyée pour signature.")):  # fmt: skip
        return redirect("replacement:organisation_service", pk=organisation.pk)
    return render(request, "replacement/adhesion_form.html", {"form": form, "organisation": organisation})
