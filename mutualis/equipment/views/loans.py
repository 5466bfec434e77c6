from __future__ import annotations

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from mutualis.billing.models import Charge
from mutualis.core.forms import add_service_error
from mutualis.equipment import services
from mutualis.equipment.forms import CheckinForm, CheckoutForm
from mutualis.equipment.models import Loan, PhotoStage
from mutualis.territory.access import requires


@requires("equipment.view_loan", model=Loan, detail=True)
def loan_detail(request: HttpRequest, loan: Loan) -> HttpResponse:
    photos = list(loan.photos.all())
    charges = Charge.objects.visible_to(request.user).filter(
        source_type=ContentType.objects.get_for_model(Loan), source_id=loan.pk
    )
    context = {
        "loan": loan,
        "checkout_photos": [p for p in photos if p.stage == PhotoStage.CHECKOUT],
        "checkin_photos": [p for p in photos if p.stage == PhotoStage.CHECKIN],
        "charges": charges.with_list_data(),
        "handover_refusal": services.loan_handover_refusal(loan),
    }
    return render(request, "equipment/loan_detail.html", context)


def _handover(request: HttpRequest, loan: Loan, form_class: type[CheckoutForm], record, done: str) -> HttpResponse:
    form = form_class(request.POST or None, request.FILES or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            record(loan=loan, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, done)
            return redirect("equipment:loan_detail", pk=loan.pk)
    is_checkin = form_class is CheckinForm
    refusal = "" if is_checkin else services.loan_handover_refusal(loan)
    context = {"loan": loan, "form": form, "is_checkin": is_checkin, "handover_refusal": refusal}
    return render(request, "equipment/handover_form.html", context)


@requires("equipment.handover", model=Loan)
def loan_checkout(request: HttpRequest, loan: Loan) -> HttpResponse:
    return _handover(request, loan, CheckoutForm, services.loan_checkout, _("La remise du matériel est enregistrée."))


@requires("equipment.handover", model=Loan)
def loan_checkin(request: HttpRequest, loan: Loan) -> HttpResponse:
    return _handover(
        request, loan, CheckinForm, services.loan_checkin, _("Le retour est enregistré et les frais sont facturés.")
    )
