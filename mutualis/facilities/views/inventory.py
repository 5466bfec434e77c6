"""The inventory: list, declaration, edition, archive, detail and register of a facility."""

from __future__ import annotations

import tablib
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mutualis.core.exports import export_dataset, export_response
from mutualis.core.forms import add_service_error
from mutualis.core.lists import paginated
from mutualis.core.pdf import last_changed, pdf_response, stored_pdf
from mutualis.facilities import services
from mutualis.facilities.forms import FacilityFilterForm, FacilityForm
from mutualis.facilities.models import Facility, FacilityQuerySet, Inspection, InspectionPlan, Maintenance
from mutualis.facilities.views.common import owners_for
from mutualis.territory.access import requires
from mutualis.territory.models import Organisation


@requires("facilities.view_facilities")
def facility_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = FacilityFilterForm(request.GET or None, owners=owners_for(request))
    facilities = form.filter(
        Facility.objects.visible_to(request.user).filter(territory=request.territory).with_list_data(), today
    )
    if "format" in request.GET:
        return export_response(facilities_dataset(facilities), request.GET["format"], "equipements-sportifs")
    context = {"form": form, "today": today, **paginated(request, facilities)}
    template = "facilities/facility_list.html#results" if request.htmx else "facilities/facility_list.html"
    return render(request, template, context)


def facilities_dataset(facilities: FacilityQuerySet) -> tablib.Dataset:
    headers = [_("Équipement"), _("Type"), _("Propriétaire"), _("Adresse ou lieu"), _("Latitude"), _("Longitude"),
               _("Fabricant"), _("Installateur"), _("Date d'installation"), _("Norme"), _("État")]  # fmt: skip
    rows = (
        [
            f.name,
            f.get_kind_display(),
            f.owner.name,
            f.address,
            f.latitude,
            f.longitude,
            f.manufacturer,
            f.installer,
            f.installed_on,
            f.standard,
            f.get_status_display(),
        ]  # fmt: skip
        for f in facilities
    )
    return export_dataset(headers, rows, title=_("Équipements sportifs"))


@requires("facilities.declare_facility", model=Organisation)
def facility_create(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = FacilityForm(request.POST or None, owners=owners_for(request, organisation), initial={"owner": organisation})
    if request.method == "POST" and form.is_valid():
        fields = {name: value for name, value in form.cleaned_data.items() if name != "owner"}
        try:
            facility = services.facility_declare(owner=form.cleaned_data["owner"], by=request.user, **fields)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("L'équipement est inventorié. Établissez maintenant son plan de contrôle."))
            return redirect("facilities:facility_detail", pk=facility.pk)
    return render(request, "facilities/facility_form.html", {"form": form, "organisation": organisation})


@requires("facilities.change_facility", model=Facility)
def facility_edit(request: HttpRequest, facility: Facility) -> HttpResponse:
    form = FacilityForm(request.POST or None, instance=facility, owners=owners_for(request, facility.owner))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("L'équipement est enregistré."))
        return redirect("facilities:facility_detail", pk=facility.pk)
    return render(request, "facilities/facility_form.html", {"form": form, "facility": facility})


@requires("facilities.change_facility", model=Facility)
@require_POST
def facility_archive(request: HttpRequest, facility: Facility) -> HttpResponse:
    try:
        services.facility_archive(facility=facility, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("L'équipement est archivé ; son registre reste consultable."))
    return redirect("facilities:facility_detail", pk=facility.pk)


def register_context(facility: Facility) -> dict:
    return {
        "facility": facility,
        "plans": list(facility.plans.order_by("kind")),
        "inspections": list(facility.inspections.with_list_data()),
        "maintenances": list(facility.maintenances.with_list_data()),
        "today": timezone.localdate(),
    }


@requires("facilities.view_facility", model=Facility, detail=True)
def facility_detail(request: HttpRequest, facility: Facility) -> HttpResponse:
    return render(request, "facilities/facility_detail.html", register_context(facility))


@requires("facilities.view_facility", model=Facility, detail=True)
def register_pdf(request: HttpRequest, facility: Facility) -> HttpResponse:
    context = register_context(facility)
    context["inspections"].reverse()  # the register reads in order of time
    context["maintenances"].reverse()
    context["as_of"] = last_changed(
        *(model.history.filter(facility_id=facility.pk) for model in (InspectionPlan, Inspection, Maintenance)),
        facility.history.all(),
    )
    content = stored_pdf("facilities/register_pdf.html", context, request, kind="registre-equipement", pk=facility.pk)
    return pdf_response(content, f"registre-{facility.pk}")
