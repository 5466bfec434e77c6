"""Inspection plans, inspections, maintenance entries and the list of inspections due."""

from __future__ import annotations

import tablib
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from mutualis.core.exports import export_dataset, export_response
from mutualis.core.forms import add_service_error
from mutualis.core.lists import paginated
from mutualis.facilities import services
from mutualis.facilities.forms import DueFilterForm, InspectionForm, MaintenanceForm, PlanForm
from mutualis.facilities.models import Facility, Inspection, InspectionPlan
from mutualis.facilities.views.common import owners_for
from mutualis.territory.access import requires


def _plan_form(request: HttpRequest, plan: InspectionPlan) -> HttpResponse:
    form = PlanForm(request.POST or None, instance=plan, initial={"starts_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_save(plan=form.instance, by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Le plan de contrôle est enregistré."))
            return redirect("facilities:facility_detail", pk=plan.facility_id)
    return render(request, "facilities/plan_form.html", {"form": form, "facility": plan.facility, "plan": plan})


@requires("facilities.change_facility", model=Facility)
def plan_create(request: HttpRequest, facility: Facility) -> HttpResponse:
    return _plan_form(request, InspectionPlan(facility=facility))


@requires("facilities.change_plan", model=InspectionPlan)
def plan_edit(request: HttpRequest, inspectionplan: InspectionPlan) -> HttpResponse:
    return _plan_form(request, inspectionplan)


@requires("facilities.inspect_facility", model=Facility)
def inspection_create(request: HttpRequest, facility: Facility) -> HttpResponse:
    initial = {"inspected_on": timezone.localdate(), "inspector": request.user, "kind": request.GET.get("kind")}
    form = InspectionForm(request.POST or None, request.FILES or None, facility=facility, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            inspection = services.inspection_record(facility=facility, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Le contrôle est inscrit au registre."))
            return redirect("facilities:inspection_detail", pk=inspection.pk)
    return render(request, "facilities/inspection_form.html", {"form": form, "facility": facility})


@requires("facilities.view_inspection", model=Inspection, detail=True)
def inspection_detail(request: HttpRequest, inspection: Inspection) -> HttpResponse:
    return render(request, "facilities/inspection_detail.html", {"inspection": inspection})


@requires("facilities.change_facility", model=Facility)
def maintenance_create(request: HttpRequest, facility: Facility) -> HttpResponse:
    form = MaintenanceForm(request.POST or None, initial={"done_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.maintenance_record(facility=facility, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("L'intervention est inscrite au registre."))
            return redirect("facilities:facility_detail", pk=facility.pk)
    return render(request, "facilities/maintenance_form.html", {"form": form, "facility": facility})


@requires("facilities.view_facilities")
def due_list(request: HttpRequest) -> HttpResponse:
    """Inspections overdue or due soon: the inspector's round and the commune's reminder."""
    today = timezone.localdate()
    form = DueFilterForm(request.GET or None, owners=owners_for(request))
    plans = form.filter(
        InspectionPlan.objects.visible_to(request.user).filter(territory=request.territory).with_list_data(), today
    )
    if "format" in request.GET:
        return export_response(due_dataset(plans, today), request.GET["format"], "controles-a-faire")
    context = {"form": form, "today": today, "days": form.horizon_days, **paginated(request, plans)}
    for plan in context["page"]:
        plan.late_days = plan.days_late(today)
    return render(request, "facilities/due_list.html", context)


def due_dataset(plans, today) -> tablib.Dataset:
    headers = [_("Équipement"), _("Propriétaire"), _("Adresse ou lieu"), _("Contrôle"), _("Périodicité"),
               _("Prévu le"), _("Jours de retard"), _("Réalisé par")]  # fmt: skip
    rows = (
        [
            p.facility.name,
            p.facility.owner.name,
            p.facility.address,
            p.get_kind_display(),
            p.periodicity,
            p.next_due_on,
            max(0, p.days_late(today)),
            p.done_by,
        ]  # fmt: skip
        for p in plans
    )
    return export_dataset(headers, rows, title=_("Contrôles à faire"))
