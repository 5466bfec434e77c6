"""The programme of consultations: territory-wide, planned by the purchasing manager."""

from __future__ import annotations

import tablib
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mutualis.core.exports import export_dataset, export_response
from mutualis.core.forms import add_service_error
from mutualis.core.lists import paginated
from mutualis.purchasing import services
from mutualis.purchasing.forms import CensusOpenForm, ConsultationForm, LotForm, ProgrammeFilterForm
from mutualis.purchasing.models import Consultation, ConsultationStatus, Interest
from mutualis.territory.access import requires


@requires("purchasing.view_programme")
def programme(request: HttpRequest) -> HttpResponse:
    form = ProgrammeFilterForm(request.GET or None)
    consultations = Consultation.objects.visible_to(request.user).filter(territory=request.territory).with_list_data()
    if form.is_valid():
        if form.cleaned_data["status"]:
            consultations = consultations.filter(status=form.cleaned_data["status"])
        if text := form.cleaned_data["q"]:
            consultations = consultations.filter(Q(domain__icontains=text) | Q(title__icontains=text))
    if "format" in request.GET:
        return export_response(programme_dataset(consultations), request.GET["format"], "programme-achats")
    organisation = request.membership.organisation
    interests = set(Interest.objects.filter(organisation=organisation).values_list("consultation_id", flat=True))
    context = {
        "form": form,
        "interests": interests,
        "can_manage": request.user.has_perm("purchasing.manage", request.territory),
        **paginated(request, consultations),
    }
    return render(request, "purchasing/programme.html", context)


def programme_dataset(consultations) -> tablib.Dataset:
    headers = [_("Intitulé"), _("Domaine"), _("Priorité"), _("Statut"), _("Lots"), _("Volume estimé par an (€ HT)"),
               _("Lancement visé"), _("Attribution visée"), _("Adhérents intéressés")]  # fmt: skip
    rows = (
        [
            c.title,
            c.domain,
            c.get_priority_display(),
            c.get_status_display(),
            c.lot_count,
            c.estimated_amount,
            c.target_launch,
            c.target_award,
            c.interest_count,
        ]  # fmt: skip
        for c in consultations
    )
    return export_dataset(headers, rows, title=_("Programme"))


@requires("purchasing.manage")
def consultation_create(request: HttpRequest) -> HttpResponse:
    form = ConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.consultation_create(
                territory=request.territory, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("La consultation est inscrite au programme."))
            return redirect("purchasing:consultation_detail", pk=consultation.pk)
    return render(request, "purchasing/consultation_form.html", {"form": form})


@requires("purchasing.view_consultation", model=Consultation, detail=True)
def consultation_detail(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    user, organisation = request.user, request.membership.organisation
    context = {
        "consultation": consultation,
        "lots": consultation.lots.all(),
        "interested": consultation.interests.filter(organisation=organisation).exists(),
        "interests": consultation.interests.all().with_list_data(),
        "answered": consultation.answers.filter(organisation=organisation).exists(),
        "can_change": user.has_perm("purchasing.change_consultation", consultation),
        "can_mark_interest": user.has_perm("purchasing.mark_interest", consultation),
        "can_declare": user.has_perm("purchasing.declare_needs", consultation),
        "census_form": CensusOpenForm(),
        "Status": ConsultationStatus,
    }
    return render(request, "purchasing/consultation_detail.html", context)


@requires("purchasing.change_consultation", model=Consultation)
def lot_create(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    form = LotForm(request.POST or None, initial={"number": consultation.lots.count() + 1})
    if request.method == "POST" and form.is_valid():
        try:
            services.lot_create(consultation=consultation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Le lot est ajouté."))
            return redirect("purchasing:consultation_detail", pk=consultation.pk)
    return render(request, "purchasing/lot_form.html", {"form": form, "consultation": consultation})


@requires("purchasing.mark_interest", model=Consultation)
@require_POST
def interest_toggle(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    try:
        marked = services.interest_toggle(
            consultation=consultation, organisation=request.membership.organisation, by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Intérêt enregistré.") if marked else _("Intérêt retiré."))
    return redirect("purchasing:consultation_detail", pk=consultation.pk)


@requires("purchasing.change_consultation", model=Consultation)
@require_POST
def consultation_move(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    """Open the census (with its deadline), launch, or cancel."""
    action = request.POST.get("action")
    try:
        if action == "census":
            form = CensusOpenForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form.errors["deadline"])
            services.census_open(consultation=consultation, deadline=form.cleaned_data["deadline"], by=request.user)
        elif action == "launch":
            services.consultation_launch(consultation=consultation, on=timezone.localdate(), by=request.user)
        elif action == "cancel":
            services.consultation_cancel(consultation=consultation, by=request.user)
        else:
            raise ValidationError(_("Action inconnue."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("La consultation est enregistrée."))
    return redirect("purchasing:consultation_detail", pk=consultation.pk)
