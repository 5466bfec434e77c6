"""Units of work used by the adherents: recorded by hand, imported, or read from the service's feed."""

from __future__ import annotations

import tablib
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from mutualis.commonservices import services
from mutualis.commonservices.forms import FeedForm, UnitUseForm
from mutualis.commonservices.imports import parse_unit_file, validate_rows
from mutualis.commonservices.models import CommonService, UnitUse, period_span
from mutualis.core.exports import export_dataset, export_response
from mutualis.core.forms import add_service_error, post_only
from mutualis.core.imports import NO_PREVIEW, ImportFileForm, PendingImport, report_refused
from mutualis.core.lists import paginated
from mutualis.core.params import year_param
from mutualis.core.periods import current_year, year_span
from mutualis.territory.access import requires
from mutualis.territory.models import Organisation

SESSION_KEY = "commonservices_unit_import"


def adherents_of(service: CommonService):
    return Organisation.objects.filter(pk__in=service.adhesions().values("organisation_id")).order_by("search_name")


def year_uses(request: HttpRequest, service: CommonService) -> tuple[int, QuerySet]:
    """The year asked for (?annee=) and the units recorded in it."""
    year = year_param(request, "annee", current_year(), 2000, 2100)
    uses = UnitUse.objects.visible_to(request.user).filter(service=service).between(*year_span(year))
    return year, uses.with_list_data()


def render_units(request: HttpRequest, service: CommonService, form: UnitUseForm | None = None) -> HttpResponse:
    year, uses = year_uses(request, service)
    context = {
        "service": service,
        "year": year,
        "form": form or UnitUseForm(organisations=adherents_of(service)),
        "feed_form": FeedForm(initial={"year": year}) if service.feed else None,
        **paginated(request, uses),
    }
    by_organisation = uses.by_organisation()
    names = dict(Organisation.objects.filter(pk__in=by_organisation).values_list("pk", "name"))
    context["totals"] = sorted((names[o], units) for o, units in by_organisation.items())
    return render(request, "commonservices/unit_list.html", context, status=400 if form else 200)


def units_dataset(uses) -> tablib.Dataset:
    headers = [_("Date"), _("Adhérent"), _("Unités"), _("Origine"), _("Précision")]
    rows = ([u.day, u.organisation.name, u.units, u.get_origin_display(), u.note] for u in uses)
    return export_dataset(headers, rows, _("Unités d'œuvre"))


@requires("commonservices.change_service", model=CommonService)
def unit_list(request: HttpRequest, commonservice: CommonService) -> HttpResponse:
    if "format" in request.GET:
        _year, uses = year_uses(request, commonservice)
        return export_response(units_dataset(uses), request.GET["format"], "unites-d-oeuvre")
    return render_units(request, commonservice)


@requires("commonservices.change_service", model=CommonService)
@post_only
def unit_record(request: HttpRequest, commonservice: CommonService) -> HttpResponse:
    form = UnitUseForm(request.POST, organisations=adherents_of(commonservice))
    if form.is_valid():
        try:
            use = services.unit_use_record(service=commonservice, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Les unités de %(organisation)s sont enregistrées.") % {"organisation": use.organisation.name},
            )
            return redirect(f"{reverse('commonservices:unit_list', args=[commonservice.pk])}?annee={use.day.year}")
    return render_units(request, commonservice, form)


@requires("commonservices.change_service", model=CommonService)
@post_only
def unit_feed(request: HttpRequest, commonservice: CommonService) -> HttpResponse:
    form = FeedForm(request.POST)
    url = reverse("commonservices:unit_list", args=[commonservice.pk])
    if not form.is_valid():
        messages.error(request, _("Choisissez l'année et le trimestre."))
        return redirect(url)
    start, end = period_span(form.cleaned_data["year"], 4, form.cleaned_data["quarter"])
    try:
        result = services.units_feed(service=commonservice, start=start, end=end, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(url)
    messages.success(
        request,
        ngettext(
            "Unités transmises pour %(count)d adhérent.", "Unités transmises pour %(count)d adhérents.", result.recorded
        )
        % {"count": result.recorded},
    )
    if result.skipped:
        messages.warning(request, _("Ignorées, faute d'adhésion : %(names)s.") % {"names": ", ".join(result.skipped)})
    return redirect(f"{url}?annee={start.year}")


class UnitFileForm(ImportFileForm):
    file = forms.FileField(
        label=gettext_lazy("Fichier des unités d'œuvre"),
        help_text=gettext_lazy("CSV (séparateur virgule ou point-virgule, UTF-8), XLSX ou ODS ; 5 Mo au plus."),
    )
    read = staticmethod(parse_unit_file)


def pending_import(request: HttpRequest, service: CommonService) -> PendingImport:
    return PendingImport(request, SESSION_KEY, territory=service.territory_id, service=service.pk)


@requires("commonservices.change_service", model=CommonService)
def unit_import(request: HttpRequest, commonservice: CommonService) -> HttpResponse:
    form = UnitFileForm(request.POST, request.FILES) if request.method == "POST" else UnitFileForm()
    if not form.is_bound or not form.is_valid():
        return render(request, "commonservices/import_upload.html", {"form": form, "service": commonservice})
    rows = form.cleaned_data["file"]
    preview = validate_rows(commonservice, rows)
    digest = pending_import(request, commonservice).keep(rows, preview)
    context = {"preview": preview, "digest": digest, "service": commonservice}
    return render(request, "commonservices/import_preview.html", context)


@requires("commonservices.change_service", model=CommonService)
@post_only
def unit_import_confirm(request: HttpRequest, commonservice: CommonService) -> HttpResponse:
    rows = pending_import(request, commonservice).take(request.POST.get("digest"))
    if rows is None:
        messages.error(request, NO_PREVIEW)
        return redirect("commonservices:unit_import", pk=commonservice.pk)
    try:
        preview = validate_rows(commonservice, rows)
        preview.raise_errors()
        count = services.units_import(
            service=commonservice, rows=[line.record for line in preview.rows], by=request.user
        )
    except ValidationError as error:
        report_refused(request, error)
        return redirect("commonservices:unit_import", pk=commonservice.pk)
    messages.success(
        request,
        ngettext("%(count)d ligne d'unités importée.", "%(count)d lignes d'unités importées.", count)
        % {"count": count},
    )
    return redirect("commonservices:unit_list", pk=commonservice.pk)
