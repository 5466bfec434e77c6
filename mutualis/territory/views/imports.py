"""Import of the official commune list: upload and preview, then confirm.

The preview keeps the file's rows in the session with a digest of them; the confirm form
sends the digest back, so that only the preview the coordinator saw can be applied.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from mutualis.core.imports import NO_PREVIEW, ImportFileForm, ImportResult, PendingImport, report_refused
from mutualis.territory.access import requires
from mutualis.territory.imports import communes_import, parse_commune_file, validate_rows

SESSION_KEY = "territory_commune_import"


class CommuneFileForm(ImportFileForm):
    file = forms.FileField(
        label=gettext_lazy("Fichier de la liste officielle des communes"),
        help_text=gettext_lazy(
            "CSV (séparateur virgule ou point-virgule, UTF-8), XLSX ou ODS ; 5 Mo au plus. "
            "Colonnes : insee_code, name, postal_code, population, epci_siren ; "
            "facultatives : latitude, longitude, sector (nom du secteur)."
        ),
    )
    read = staticmethod(parse_commune_file)


def pending_import(request: HttpRequest) -> PendingImport:
    return PendingImport(request, SESSION_KEY, territory=request.territory.pk)


@requires("territory.import_organisations")
def import_upload(request: HttpRequest) -> HttpResponse:
    form = CommuneFileForm(request.POST, request.FILES) if request.method == "POST" else CommuneFileForm()
    if not form.is_bound or not form.is_valid():
        return render(request, "territory/import_upload.html", {"form": form})
    rows = form.cleaned_data["file"]
    preview = validate_rows(request.territory, rows)
    digest = pending_import(request).keep(rows, preview)
    return render(request, "territory/import_preview.html", {"preview": preview, "digest": digest})


@requires("territory.import_organisations")
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    rows = pending_import(request).take(request.POST.get("digest"))
    if rows is None:
        messages.error(request, NO_PREVIEW)
        return redirect("territory:import_upload")
    try:
        result = communes_import(
            territory=request.territory, preview=validate_rows(request.territory, rows), by=request.user
        )
    except ValidationError as error:
        report_refused(request, error)
        return redirect("territory:import_upload")
    messages.success(request, summary(result))
    return redirect("territory:organisation_list")


def summary(result: ImportResult) -> str:
    return ", ".join(
        [
            ngettext("%(count)d commune créée", "%(count)d communes créées", result.created)
            % {"count": result.created},
            ngettext("%(count)d mise à jour", "%(count)d mises à jour", result.updated) % {"count": result.updated},
            ngettext("%(count)d inchangée", "%(count)d inchangées", result.unchanged) % {"count": result.unchanged},
        ]
    )
