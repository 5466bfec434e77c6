"""A year's cost of a service (D5211-16): the sheet from the budget or the accounts, and its lines."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mutualis.commonservices import services
from mutualis.commonservices.forms import CostLineForm, CostSheetForm
from mutualis.commonservices.models import CommonService, CostLine, CostSheet
from mutualis.core.forms import add_service_error, post_only, run_and_tell
from mutualis.core.periods import current_year
from mutualis.territory.access import requires


@requires("commonservices.change_service", model=CommonService)
def sheet_create(request: HttpRequest, commonservice: CommonService) -> HttpResponse:
    sheet = CostSheet(service=commonservice)
    form = CostSheetForm(request.POST or None, instance=sheet, initial={"year": current_year()})
    if request.method == "POST" and form.is_valid():
        try:
            sheet = services.cost_sheet_save(sheet=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Le coût %(year)s est créé : ajoutez ses lignes.") % {"year": sheet.year})
            return redirect("commonservices:sheet_detail", pk=sheet.pk)
    context = {"form": form, "service": commonservice}
    return render(request, "commonservices/sheet_form.html", context, status=400 if form.errors else 200)


def render_sheet(request: HttpRequest, sheet: CostSheet, line_form=None, units_form=None) -> HttpResponse:
    context = {
        "sheet": sheet,
        "service": sheet.service,
        "lines": sheet.lines.order_by("pk"),
        "may_change": request.user.has_perm("commonservices.change_costs", sheet),
        "line_form": line_form or CostLineForm(),
        "units_form": units_form or CostSheetForm(instance=sheet),
    }
    return render(request, "commonservices/sheet_detail.html", context, status=400 if line_form or units_form else 200)


@requires("commonservices.view_costs", model=CostSheet)
def sheet_detail(request: HttpRequest, costsheet: CostSheet) -> HttpResponse:
    return render_sheet(request, costsheet)


@requires("commonservices.change_costs", model=CostSheet)
@post_only
def sheet_units(request: HttpRequest, costsheet: CostSheet) -> HttpResponse:
    form = CostSheetForm(request.POST, instance=costsheet)
    form.fields["year"].disabled = form.fields["source"].disabled = True
    if form.is_valid():
        try:
            services.cost_sheet_save(sheet=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Les unités d'œuvre de l'année sont enregistrées."))
            return redirect("commonservices:sheet_detail", pk=costsheet.pk)
    costsheet.refresh_from_db()
    return render_sheet(request, costsheet, units_form=form)


@requires("commonservices.change_costs", model=CostSheet)
@post_only
def line_add(request: HttpRequest, costsheet: CostSheet) -> HttpResponse:
    form = CostLineForm(request.POST)
    if form.is_valid():
        try:
            services.cost_line_add(sheet=costsheet, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("La ligne de coût est ajoutée."))
            return redirect("commonservices:sheet_detail", pk=costsheet.pk)
    return render_sheet(request, costsheet, line_form=form)


@requires("commonservices.change_costs", model=CostLine)
@post_only
def line_remove(request: HttpRequest, costline: CostLine) -> HttpResponse:
    sheet_id = costline.sheet_id
    run_and_tell(request, lambda: services.cost_line_remove(line=costline, by=request.user), _("La ligne est retirée."))
    return redirect("commonservices:sheet_detail", pk=sheet_id)
