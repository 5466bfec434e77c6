"""Awards: the manager records each lot's contract; open data in the DECP format."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mutualis.core.forms import add_service_error
from mutualis.purchasing import services
from mutualis.purchasing.decp import decp_export
from mutualis.purchasing.forms import AwardForm, ModificationForm
from mutualis.purchasing.models import Award, Lot
from mutualis.territory.access import requires


@requires("purchasing.change_consultation", model=Lot, detail=True)
def award_create(request: HttpRequest, lot: Lot) -> HttpResponse:
    form = AwardForm(request.POST or None, articles=list(lot.articles.all()))
    if request.method == "POST" and form.is_valid():
        try:
            services.lot_award(lot=lot, by=request.user, **form.award_fields())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Le lot est attribué."))
            return redirect("purchasing:consultation_detail", pk=lot.consultation_id)
    return render(request, "purchasing/award_form.html", {"form": form, "lot": lot})


@requires("purchasing.view_consultation", model=Award, detail=True)
def award_detail(request: HttpRequest, award: Award) -> HttpResponse:
    context = {
        "award": award,
        "can_change": request.user.has_perm("purchasing.change_consultation", award),
        "form": ModificationForm(),
    }
    return render(request, "purchasing/award_detail.html", context)


@requires("purchasing.change_consultation", model=Award)
@require_POST
def award_publish(request: HttpRequest, award: Award) -> HttpResponse:
    try:
        services.award_publish(award=award, on=timezone.localdate(), by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Les données essentielles du marché sont publiées."))
    return redirect("purchasing:award_detail", pk=award.pk)


@requires("purchasing.change_consultation", model=Award, detail=True)
def award_modify(request: HttpRequest, award: Award) -> HttpResponse:
    form = ModificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.award_modify(award=award, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("La modification du marché est enregistrée."))
            return redirect("purchasing:award_detail", pk=award.pk)
    context = {"award": award, "can_change": True, "form": form}
    return render(request, "purchasing/award_detail.html", context)


@requires("purchasing.manage")
def decp(request: HttpRequest) -> HttpResponse:
    content = json.dumps(decp_export(request.territory), ensure_ascii=False, indent=2)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="decp.json"'
    return response
