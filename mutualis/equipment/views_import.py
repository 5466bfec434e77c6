"""Census of an organisation's equipment from a spreadsheet: upload and preview, then confirm."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from mutualis.core.imports import NO_PREVIEW, ImportFileForm, ImportResult, PendingImport, report_refused
from mutualis.equipment.imports import items_import, parse_item_file, validate_rows
from mutualis.territory.access import requires
from mutualis.territory.models import Organisation

SESSION_KEY = "equipment_item_import"


class ItemFileForm(ImportFileForm):
    file = forms.FileField(
        label=gettext_lazy("Fichier du recensement du matériel"),
        help_text=gettext_lazy("CSV (séparateur virgule ou point-virgule, UTF-8), XLSX ou ODS ; 5 Mo au plus."),
    )
    read = staticmethod(parse_item_file)


def pending_import(request: HttpRequest, organisation: Organisation) -> PendingImport:
    return PendingImport(request, SESSION_KEY, territory=organisation.territory_id, organisation=organisation.pk)


@requires("equipment.declare_item", model=Organisation)
def import_upload(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = ItemFileForm(request.POST, request.FILES) if request.method == "POST" else ItemFileForm()
    if not form.is_bound or not form.is_valid():
        may_name_owners = request.user.has_perm("equipment.manage_categories", organisation)
        context = {"form": form, "organisation": organisation, "may_name_owners": may_name_owners}
        return render(request, "equipment/import_upload.html", context)
    rows = form.cleaned_data["file"]
    preview = validate_rows(organisation, rows, request.user)
    digest = pending_import(request, organisation).keep(rows, preview)
    context = {"preview": preview, "digest": digest, "organisation": organisation}
    return render(request, "equipment/import_preview.html", context)


@requires("equipment.declare_item", model=Organisation)
@require_POST
def import_confirm(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    rows = pending_import(request, organisation).take(request.POST.get("digest"))
    if rows is None:
        messages.error(request, NO_PREVIEW)
        return redirect("equipment:import_upload", pk=organisation.pk)
    try:
        preview = validate_rows(organisation, rows, request.user)
        result = items_import(territory=organisation.territory, preview=preview, by=request.user)
    except ValidationError as error:
        report_refused(request, error)
        return redirect("equipment:import_upload", pk=organisation.pk)
    messages.success(request, summary(result))
    return redirect("equipment:catalogue")


def summary(result: ImportResult) -> str:
    return ", ".join(
        [
            ngettext("%(count)d matériel créé", "%(count)d matériels créés", result.created)
            % {"count": result.created},
            ngettext("%(count)d mis à jour", "%(count)d mis à jour", result.updated) % {"count": result.updated},
            ngettext("%(count)d inchangé", "%(count)d inchangés", result.unchanged) % {"count": result.unchanged},
        ]
    )
