"""Who takes part in which service: the territory's adhesions, asking to adhere, withdrawing."""

from __future__ import annotations

from collections.abc import Iterable

import tablib
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mutualis.agreements import services, terms
from mutualis.agreements.adhesion_forms import AdhesionFilterForm, AdhesionRequestForm, AdhesionWithdrawForm
from mutualis.agreements.models import Adhesion
from mutualis.core.exports import export_dataset, export_response
from mutualis.core.forms import add_service_error
from mutualis.core.lists import paginated
from mutualis.territory.access import requires


@requires("agreements.view_adhesion")
def adhesion_list(request: HttpRequest) -> HttpResponse:
    form = AdhesionFilterForm(request.GET or None, territory=request.territory)
    adhesions = form.filter(
        Adhesion.objects.visible_to(request.user).filter(territory=request.territory).with_list_data().with_subjects(),
        today=timezone.localdate(),
    )
    if "format" in request.GET:
        return export_response(adhesions_dataset(adhesions), request.GET["format"], "adhesions")
    context = {"form": form, **paginated(request, adhesions)}
    template = "agreements/adhesion_list.html#results" if request.htmx else "agreements/adhesion_list.html"
    return render(request, template, context)


def adhesions_dataset(adhesions: Iterable[Adhesion]) -> tablib.Dataset:
    headers = [_("Organisation"), _("Service"), _("Formule"), _("Objet"), _("Adhère depuis le"), _("Dernier jour"),
               _("Convention"), _("Statut de la convention"), _("Décision du Bureau")]  # fmt: skip
    rows = (
        [
            a.organisation.name,
            a.get_service_display(),
            a.get_instrument_display(),
            str(a.subject or ""),
            a.start,
            a.last_day,
            a.convention.title if a.convention else "",
            a.convention.get_status_display() if a.convention else "",
            str(a.withdrawal_decision or ""),
        ]
        for a in adhesions
    )
    return export_dataset(headers, rows, title=_("Adhésions"))


@requires("agreements.request_adhesion")
def adhesion_request(request: HttpRequest) -> HttpResponse:
    form = AdhesionRequestForm(request.POST or None, user=request.user, territory=request.territory)
    if request.method == "POST" and form.is_valid():
        try:
            adhesion = terms.adhere(by=request.user, **form.adhesion_fields())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("L'adhésion est enregistrée ; sa convention est à signer."))
            return redirect("agreements:convention_detail", pk=adhesion.convention_id)
    return render(request, "agreements/adhesion_request.html", {"form": form})


@requires("agreements.withdraw_adhesion", model=Adhesion, detail=True)
def adhesion_withdraw(request: HttpRequest, adhesion: Adhesion) -> HttpResponse:
    form = AdhesionWithdrawForm(request.POST or None, adhesion=adhesion)
    if request.method == "POST" and form.is_valid():
        try:
            services.adhesion_withdraw_with_decision(adhesion=adhesion, by=request.user, **form.withdrawal_fields())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Le retrait est enregistré."))
            return redirect(f"{reverse('agreements:adhesions:list')}?organisation={adhesion.organisation_id}")
    return render(request, "agreements/adhesion_withdraw.html", {"adhesion": adhesion, "form": form})
