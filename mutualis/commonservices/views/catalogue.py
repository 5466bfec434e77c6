"""The catalogue of services communs, a service's page, joining it and stating one's volumes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from mutualis.commonservices import services
from mutualis.commonservices.forms import JoinForm, ServiceForm, VolumeForm
from mutualis.commonservices.models import CommonService, CostSheet, ExpectedVolume, UnitUse
from mutualis.core.forms import add_service_error
from mutualis.core.lists import paginated
from mutualis.core.params import year_param
from mutualis.core.periods import current_year, year_span
from mutualis.territory.access import requires
from mutualis.territory.models import Organisation, OrganisationKind


@requires("commonservices.view_catalogue")
def service_list(request: HttpRequest) -> HttpResponse:
    rows = CommonService.objects.visible_to(request.user).filter(territory=request.territory).with_list_data()
    if not request.user.has_perm("commonservices.manage", request.territory):
        rows = rows.active()
    return render(request, "commonservices/service_list.html", paginated(request, rows))


def service_form(request: HttpRequest, service: CommonService) -> HttpResponse:
    form = ServiceForm(request.POST or None, instance=service)
    if request.method == "POST" and form.is_valid():
        try:
            service = services.service_save(service=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Le service « %(name)s » est enregistré.") % {"name": service.name})
            return redirect("commonservices:service_detail", pk=service.pk)
    context = {"form": form, "service": service}
    return render(request, "commonservices/service_form.html", context, status=400 if form.errors else 200)


@requires("commonservices.manage")
def service_create(request: HttpRequest) -> HttpResponse:
    return service_form(request, CommonService(territory=request.territory))


@requires("commonservices.change_service", model=CommonService)
def service_edit(request: HttpRequest, commonservice: CommonService) -> HttpResponse:
    return service_form(request, commonservice)


@requires("commonservices.view_service", model=CommonService)
def service_detail(request: HttpRequest, commonservice: CommonService) -> HttpResponse:
    year = year_param(request, "annee", current_year(), 2000, 2100)
    adhesions = commonservice.adhesions().during(*year_span(year)).with_list_data()
    volumes = dict(ExpectedVolume.objects.filter(adhesion__in=adhesions, year=year).values_list("adhesion_id", "units"))
    used = UnitUse.objects.filter(service=commonservice).between(*year_span(year)).by_organisation()
    rows = [(a, volumes.get(a.pk), used.get(a.organisation_id)) for a in adhesions]
    context = {
        "service": commonservice,
        "year": year,
        "adherents": rows,
        "sheets": CostSheet.objects.filter(service=commonservice).with_totals(),
        "may_manage": request.user.has_perm("commonservices.change_service", commonservice),
        "may_join": request.user.has_perm("commonservices.join", commonservice),
        "may_state": request.user.has_perm("commonservices.state_volume", commonservice),
        "may_follow": request.user.has_perm("commonservices.follow", commonservice),
        "own_ids": {m.organisation_id for m in request.user.memberships.all()},
    }
    return render(request, "commonservices/service_detail.html", context)


def organisations_for(request: HttpRequest, permission: str) -> QuerySet:
    """The members of the territory the user may act for under `permission` (on an Organisation)."""
    members = Organisation.objects.filter(territory=request.territory, is_active=True).exclude(
        kind=OrganisationKind.EPCI
    )
    allowed = [o.pk for o in members if request.user.has_perm(permission, o)]
    return members.filter(pk__in=allowed).order_by("search_name")


@requires("commonservices.join", model=CommonService)
def service_join(request: HttpRequest, commonservice: CommonService) -> HttpResponse:
    """A member asks to join: its adhesion and the convention to sign, and its expected volume."""
    form = JoinForm(request.POST or None, organisations=organisations_for(request, "commonservices.join_for"))
    if request.method == "POST" and form.is_valid():
        try:
            adhesion = services.service_join(service=commonservice, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("L'adhésion de %(organisation)s est enregistrée : la convention est à signer.")
                % {"organisation": adhesion.organisation.name},
            )
            return redirect("commonservices:service_detail", pk=commonservice.pk)
    context = {"form": form, "service": commonservice}
    return render(request, "commonservices/join_form.html", context, status=400 if form.errors else 200)


@requires("commonservices.state_volume", model=CommonService)
def volume_set(request: HttpRequest, commonservice: CommonService) -> HttpResponse:
    adherents = commonservice.adhesions().open().values("organisation_id")
    organisations = organisations_for(request, "commonservices.state_volume_for").filter(pk__in=adherents)
    form = VolumeForm(request.POST or None, organisations=organisations, initial={"year": current_year()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        adhesion = commonservice.adhesions().open().filter(organisation=data["organisation"]).first()
        try:
            services.volume_set(adhesion=adhesion, year=data["year"], units=data["units"], by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Le volume prévu est enregistré."))
            return redirect(f"{commonservice_url(commonservice)}?annee={data['year']}")
    context = {"form": form, "service": commonservice}
    return render(request, "commonservices/volume_form.html", context, status=400 if form.errors else 200)


def commonservice_url(service: CommonService) -> str:
    return reverse("commonservices:service_detail", args=[service.pk])
