"""A member answers a census: by form, or by the generated spreadsheet imported back."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from mutualis.core.exports import export_response
from mutualis.core.forms import add_service_error
from mutualis.core.imports import NO_PREVIEW, ImportFileForm, PendingImport, report_refused
from mutualis.purchasing import services
from mutualis.purchasing.forms import NeedsForm
from mutualis.purchasing.imports import census_sheet, need_lines, parse_census_file, validate_rows
from mutualis.purchasing.models import Article, Consultation, Need
from mutualis.territory.access import requires

SESSION_KEY = "purchasing_census_import"


@requires("purchasing.declare_needs", model=Consultation)
def needs_declare(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    organisation = request.membership.organisation
    articles = list(Article.objects.filter(lot__consultation=consultation).with_list_data())
    needs = {n.article_id: n for n in Need.objects.filter(consultation=consultation, organisation=organisation)}
    form = NeedsForm(request.POST or None, articles=articles, needs=needs)
    if request.method == "POST" and form.is_valid():
        try:
            services.needs_declare(
                consultation=consultation, organisation=organisation, lines=form.lines(), by=request.user
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Vos besoins sont enregistrés."))
            return redirect("purchasing:consultation_detail", pk=consultation.pk)
    context = {"form": form, "consultation": consultation, "organisation": organisation}
    return render(request, "purchasing/needs_form.html", context)


@requires("purchasing.declare_needs", model=Consultation)
def needs_sheet(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    organisation = request.membership.organisation
    dataset = census_sheet(consultation, organisation)
    return export_response(dataset, request.GET.get("format", "xlsx"), f"besoins-{consultation.pk}")


class CensusFileForm(ImportFileForm):
    file = forms.FileField(
        label=gettext_lazy("Tableau des besoins complété"),
        help_text=gettext_lazy("Le tableau téléchargé ci-dessus, en XLSX, ODS ou CSV ; 5 Mo au plus."),
    )
    read = staticmethod(parse_census_file)


def pending_import(request: HttpRequest, consultation: Consultation) -> PendingImport:
    return PendingImport(
        request, SESSION_KEY, consultation=consultation.pk, organisation=request.membership.organisation_id
    )


@requires("purchasing.declare_needs", model=Consultation)
def needs_import(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    form = CensusFileForm(request.POST, request.FILES) if request.method == "POST" else CensusFileForm()
    if not form.is_bound or not form.is_valid():
        return render(request, "purchasing/import_upload.html", {"form": form, "consultation": consultation})
    rows = form.cleaned_data["file"]
    preview = validate_rows(consultation, request.membership.organisation, rows)
    digest = pending_import(request, consultation).keep(rows, preview)
    context = {"preview": preview, "digest": digest, "consultation": consultation}
    return render(request, "purchasing/import_preview.html", context)


@requires("purchasing.declare_needs", model=Consultation)
@require_POST
def needs_import_confirm(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    rows = pending_import(request, consultation).take(request.POST.get("digest"))
    if rows is None:
        messages.error(request, NO_PREVIEW)
        return redirect("purchasing:needs_import", pk=consultation.pk)
    organisation = request.membership.organisation
    try:
        lines = need_lines(validate_rows(consultation, organisation, rows))
        services.needs_declare(consultation=consultation, organisation=organisation, lines=lines, by=request.user)
    except ValidationError as error:
        report_refused(request, error)
        return redirect("purchasing:needs_import", pk=consultation.pk)
    messages.success(request, _("Vos besoins sont importés : %(count)s article(s) déclaré(s).") % {"count": len(lines)})
    return redirect("purchasing:consultation_detail", pk=consultation.pk)
