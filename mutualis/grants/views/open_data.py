"""The year's grants as open data (SCDL « Subventions », scdl.py): a preview of the rows and the CSV
to publish. The export names the territory by its SIRET: while it is missing, the page says so
and the coordination enters it here."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from mutualis.core.forms import Form, add_service_error
from mutualis.core.params import LATEST, year_param
from mutualis.core.periods import current_year
from mutualis.grants import scdl
from mutualis.territory import services as territory_services
from mutualis.territory.access import requires

SIRET_PERM = "territory.change_organisation_identity"


class SiretForm(Form):
    siret = forms.CharField(
        label=gettext_lazy("SIRET de l'établissement coordonnateur"),
        max_length=20,
        help_text=gettext_lazy(
            "14 chiffres : le SIREN du territoire suivi du NIC de son siège (annuaire-entreprises.data.gouv.fr)."
        ),
    )


def page_of_year(year: int) -> str:
    return f"{reverse('grants:open_data')}?annee={year}"


@requires("grants.manage")
def open_data(request: HttpRequest) -> HttpResponse:
    year = year_param(request, "annee", current_year(), hi=LATEST.year - 1)
    territory = request.territory
    if request.GET.get("format") == "csv":
        if not territory.siret:
            messages.error(
                request, _("Renseignez d'abord le SIRET du territoire : l'export ne serait pas valide sans lui.")
            )
            return redirect(page_of_year(year))
        response = HttpResponse(scdl.csv_content(territory, year), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{scdl.filename(territory, year)}"'
        return response
    return render_page(request, year, SiretForm())


def render_page(request: HttpRequest, year: int, form: SiretForm) -> HttpResponse:
    context = {
        "year": year,
        "rows": scdl.rows(request.territory, year),
        "siret_form": form,
        "siret_perm": SIRET_PERM,
    }
    return render(request, "grants/open_data.html", context)


@requires(SIRET_PERM)
@require_POST
def territory_siret_set(request: HttpRequest) -> HttpResponse:
    year = year_param(request, "annee", current_year(), hi=LATEST.year - 1)
    form = SiretForm(request.POST)
    if form.is_valid():
        try:
            territory_services.territory_siret_set(
                territory=request.territory, siret=form.cleaned_data["siret"], by=request.user
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Le SIRET du territoire est enregistré."))
            return redirect(page_of_year(year))
    return render_page(request, year, form)
