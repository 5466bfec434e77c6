"""The software catalogue, a software's page, and the manager's forms on it."""

from __future__ import annotations

import tablib
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mutualis.agreements.services import adhesion_withdraw_with_decision
from mutualis.billing.permissions import sees_charges_of
from mutualis.core.exports import export_dataset, export_response
from mutualis.core.forms import add_service_error
from mutualis.core.lists import paginated
from mutualis.digital import services
from mutualis.digital.forms import MaintenanceForm, SoftwareFilterForm, SoftwareForm, UserAddForm, UserWithdrawForm
from mutualis.digital.models import MaintenanceCost, Software
from mutualis.territory.access import requires
from mutualis.territory.models import Outcome, Service


@requires("digital.view_software")
def catalogue(request: HttpRequest) -> HttpResponse:
    form = SoftwareFilterForm(request.GET or None)
    rows = form.filter(Software.objects.visible_to(request.user).filter(territory=request.territory).with_list_data())
    if "format" in request.GET:
        return export_response(catalogue_dataset(rows), request.GET["format"], "logiciels")
    return render(request, "digital/catalogue.html", {"form": form, **paginated(request, rows)})


def catalogue_dataset(rows) -> tablib.Dataset:
    headers = [_("Logiciel"), _("Éditeur"), _("Usage"), _("Référent"), _("Organisations utilisatrices"),
               _("Répartition de la maintenance")]  # fmt: skip
    return export_dataset(
        headers,
        ([s.name, s.publisher, s.purpose, s.referent_label, s.user_count, s.get_share_basis_display()] for s in rows),
        title=_("Logiciels partagés"),
    )


@requires("digital.manage_software")
def software_create(request: HttpRequest) -> HttpResponse:
    return software_form(request, Software())


@requires("digital.manage_software", model=Software)
def software_edit(request: HttpRequest, software: Software) -> HttpResponse:
    return software_form(request, software)


def software_form(request: HttpRequest, software: Software) -> HttpResponse:
    form = SoftwareForm(request.POST or None, instance=software, territory=request.territory)
    if request.method == "POST" and form.is_valid():
        try:
            software = services.software_save(software=form.instance, by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Le logiciel « %(name)s » est enregistré.") % {"name": software.name})
            return redirect("digital:software_detail", software.pk)
    return render(request, "digital/software_form.html", {"form": form, "software": software})


@requires("digital.view_software", model=Software, detail=True)
def software_detail(request: HttpRequest, software: Software) -> HttpResponse:
    return render(request, "digital/software_detail.html", {"software": software})


@requires("digital.manage_software", model=Software)
@require_POST
def software_archive(request: HttpRequest, software: Software) -> HttpResponse:
    try:
        services.software_archive(software=software, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Le logiciel est retiré du catalogue."))
    return redirect("digital:software_detail", software.pk)


@requires("digital.manage_software", model=Software)
def user_add(request: HttpRequest, software: Software) -> HttpResponse:
    form = UserAddForm(request.POST or None, territory=request.territory)
    if request.method == "POST" and form.is_valid():
        try:
            adhesion = services.software_user_add(software=software, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(organisation)s utilise %(name)s ; la convention est créée en brouillon.")
                % {"organisation": adhesion.organisation.name, "name": software.name},
            )
            return redirect("digital:software_detail", software.pk)
    return render(request, "digital/user_add.html", {"form": form, "software": software})


@requires("digital.manage_software", model=Software)
def user_withdraw(request: HttpRequest, software: Software) -> HttpResponse:
    form = UserWithdrawForm(request.POST or None, software=software, initial={"adhesion": request.GET.get("adhesion")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            adhesion_withdraw_with_decision(
                adhesion=data["adhesion"], on=data["on"], decided_on=data["decided_on"],
                outcome=Outcome.ACCEPTED, reference=data["reference"], by=request.user,
            )  # fmt: skip
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("L'utilisation du logiciel est terminée."))
            return redirect("digital:software_detail", software.pk)
    return render(request, "digital/user_withdraw.html", {"form": form, "software": software})


@requires("digital.manage_software", model=Software)
def maintenance_set(request: HttpRequest, software: Software) -> HttpResponse:
    form = MaintenanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cost = services.maintenance_set(software=software, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("La maintenance %(year)s est enregistrée.") % {"year": cost.year})
            return redirect("digital:maintenance_detail", cost.pk)
    return render(request, "digital/maintenance_form.html", {"form": form, "software": software})


@requires("digital.view_software", model=MaintenanceCost, detail=True)
def maintenance_detail(request: HttpRequest, maintenancecost: MaintenanceCost) -> HttpResponse:
    """The shares of a year: posted charges once shared out, otherwise a preview. Each share is
    shown only to whom billing shows that organisation's charges; the others are counted."""
    errors, shares = [], []
    if maintenancecost.is_posted:
        charges = services.posted_charges(maintenancecost)
        shares = [(c.organisation, c.amount, c.label) for c in charges.visible_to(request.user)]
        hidden = charges.count() - len(shares)
    else:
        try:
            preview = services.maintenance_shares(maintenancecost)
        except ValidationError as exc:
            preview, errors = {}, exc.messages
        shown = {o: v for o, v in preview.items() if sees_charges_of(request.user, o, Service.DIGITAL)}
        shares = [(o, share, days) for o, (share, days, _a) in shown.items()]
        hidden = len(preview) - len(shown)
        if not hidden:
            errors = errors or services.billing_refusals(adhesion for _s, _d, adhesion in preview.values())
    context = {
        "cost": maintenancecost,
        "software": maintenancecost.software,
        "shares": shares,
        "hidden": hidden,
        "errors": errors,
    }
    return render(request, "digital/maintenance_detail.html", context)


@requires("digital.manage_software", model=MaintenanceCost)
@require_POST
def maintenance_post(request: HttpRequest, maintenancecost: MaintenanceCost) -> HttpResponse:
    try:
        charges = services.maintenance_post(
            software=maintenancecost.software, year=maintenancecost.year, by=request.user
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Maintenance répartie : %(count)s organisations facturées.") % {"count": len(charges)}
        )
    return redirect("digital:maintenance_detail", maintenancecost.pk)
