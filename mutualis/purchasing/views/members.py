"""Members of the club and of the central purchasing body: their adhesions to the purchasing
service, joined by convention and left under the schéma's rule."""

from __future__ import annotations

import tablib
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mutualis.agreements.models import Adhesion
from mutualis.agreements.services import adhesion_withdraw
from mutualis.core.exports import export_dataset, export_response
from mutualis.core.forms import add_service_error
from mutualis.core.lists import paginated
from mutualis.purchasing import services
from mutualis.purchasing.forms import JoinForm, MemberFilterForm, WithdrawForm
from mutualis.territory.access import requires
from mutualis.territory.models import Service


@requires("purchasing.view_programme")
def member_list(request: HttpRequest) -> HttpResponse:
    form = MemberFilterForm(request.GET or None)
    adhesions = Adhesion.objects.visible_to(request.user).of_service(Service.PURCHASING)
    adhesions = form.filter(adhesions.filter(territory=request.territory).with_list_data())
    if "format" in request.GET:
        return export_response(members_dataset(adhesions), request.GET["format"], "adherents-achats")
    context = {
        "form": form,
        "can_manage": request.user.has_perm("purchasing.manage", request.territory),
        **paginated(request, adhesions),
    }
    return render(request, "purchasing/member_list.html", context)


def members_dataset(adhesions) -> tablib.Dataset:
    headers = [_("Organisation"), _("Formule"), _("Adhésion le"), _("Retrait le"), _("Convention"), _("Statut")]
    rows = (
        [
            a.organisation.name,
            a.get_instrument_display(),
            a.start,
            a.end,
            a.convention.title if a.convention else "",
            a.convention.get_status_display() if a.convention else "",
        ]
        for a in adhesions
    )
    return export_dataset(headers, rows, title=_("Adhérents"))


@requires("purchasing.manage")
def member_join(request: HttpRequest) -> HttpResponse:
    form = JoinForm(request.POST or None, territory=request.territory)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_join(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("L'adhésion est enregistrée ; sa convention est à envoyer pour signature."))
            return redirect("purchasing:member_list")
    return render(request, "purchasing/member_form.html", {"form": form})


@requires("purchasing.withdraw_adhesion", model=Adhesion, detail=True)
def member_withdraw(request: HttpRequest, adhesion: Adhesion) -> HttpResponse:
    form = WithdrawForm(request.POST or None, territory=adhesion.territory)
    if request.method == "POST" and form.is_valid():
        try:
            adhesion_withdraw(adhesion=adhesion, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Le retrait est enregistré."))
            return redirect("purchasing:member_list")
    return render(request, "purchasing/member_withdraw.html", {"form": form, "adhesion": adhesion})
