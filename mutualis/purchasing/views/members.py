"""Members of the club and of the central purchasing body: join by convention, withdraw."""

from __future__ import annotations

import tablib
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mutualis.core.exports import export_dataset, export_response
from mutualis.core.forms import add_service_error
from mutualis.core.lists import paginated
from mutualis.purchasing import services
from mutualis.purchasing.forms import JoinForm, WithdrawForm
from mutualis.purchasing.models import Membership
from mutualis.territory.access import requires


@requires("purchasing.view_programme")
def member_list(request: HttpRequest) -> HttpResponse:
    memberships = Membership.objects.visible_to(request.user).filter(organisation__territory=request.territory)
    memberships = memberships.with_list_data()
    if request.GET.get("all") != "1":
        memberships = memberships.active()
    if "format" in request.GET:
        return export_response(members_dataset(memberships), request.GET["format"], "adherents-achats")
    context = {
        "can_manage": request.user.has_perm("purchasing.manage", request.territory),
        **paginated(request, memberships),
    }
    return render(request, "purchasing/member_list.html", context)


def members_dataset(memberships) -> tablib.Dataset:
    headers = [_("Organisation"), _("Formule"), _("Adhésion le"), _("Retrait le"), _("Convention")]
    rows = (
        [
            m.organisation.name,
            m.get_instrument_display(),
            m.joined_on,
            m.withdrawn_on,
            m.convention.title if m.convention else "",
        ]
        for m in memberships
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


@requires("purchasing.withdraw_membership", model=Membership, detail=True)
def member_withdraw(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = WithdrawForm(request.POST or None, territory=membership.organisation.territory)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_withdraw(membership=membership, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Le retrait est enregistré."))
            return redirect("purchasing:member_list")
    return render(request, "purchasing/member_withdraw.html", {"form": form, "membership": membership})
