"""Import of the official commune list: upload and preview, then confirm.

The preview keeps the file's rows in the session with a digest of them; the confirm form
sends the digest back, so that only the preview the coordinator saw can be applied.
"""

import hashlib
import json
from dataclasses import asdict

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from mutualis.territory.access import requires
from mutualis.territory.imports import (
    ImportResult,
    Row,
    communes_import,
    parse_commune_file,
    validate_rows,
)

SESSION_KEY = "territory_commune_import"


class CommuneFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Fichier de la liste officielle des communes"),
        help_text=gettext_lazy(
            "CSV (séparateur virgule ou point-virgule, UTF-8), XLSX ou ODS ; 5 Mo au plus. "
            "Colonnes : insee_code, name, postal_code, population, epci_siren ; "
            "facultatives : latitude, longitude, sector (nom du secteur)."
        ),
    )

    def clean_file(self) -> list[Row]:
        return parse_commune_file(self.cleaned_data["file"])


def rows_digest(rows: list[dict]) -> str:
    return hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()


@requires("territory.import_organisations")
def import_upload(request: HttpRequest) -> HttpResponse:
    form = CommuneFileForm(request.POST, request.FILES) if request.method == "POST" else CommuneFileForm()
    if not form.is_bound or not form.is_valid():
        return render(request, "territory/import_upload.html", {"form": form})
    rows = form.cleaned_data["file"]
    preview = validate_rows(request.territory, rows)
    pending = [asdict(row) for row in rows]
    digest = rows_digest(pending)
    if preview.is_valid:
        request.session[SESSION_KEY] = {"territory": request.territory.pk, "digest": digest, "rows": pending}
    else:
        request.session.pop(SESSION_KEY, None)
    return render(request, "territory/import_preview.html", {"preview": preview, "digest": digest})


@requires("territory.import_organisations")
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(SESSION_KEY)
    if not pending or pending["territory"] != request.territory.pk or pending["digest"] != request.POST.get("digest"):
        messages.error(request, _("Aucun aperçu à confirmer : déposez de nouveau le fichier."))
        return redirect("territory:import_upload")
    rows = [Row(**row) for row in pending["rows"]]
    del request.session[SESSION_KEY]
    try:
        result = communes_import(
            territory=request.territory, preview=validate_rows(request.territory, rows), by=request.user
        )
    except ValidationError as error:
        messages.error(request, _("Rien n'a été importé : le territoire a changé depuis l'aperçu."))
        for message in error.messages:
            messages.error(request, message)
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
