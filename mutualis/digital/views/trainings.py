"""Trainings to a shared software: the manager schedules them, organisations take seats."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mutualis.core.forms import add_service_error
from mutualis.digital import services
from mutualis.digital.forms import RegistrationForm, TrainingForm
from mutualis.digital.models import Registration, Software, Training
from mutualis.territory.access import requires


@requires("digital.manage_software", model=Software)
def training_create(request: HttpRequest, software: Software) -> HttpResponse:
    return training_form(request, Training(software=software))


@requires("digital.manage_software", model=Training)
def training_edit(request: HttpRequest, training: Training) -> HttpResponse:
    return training_form(request, training)


def training_form(request: HttpRequest, training: Training) -> HttpResponse:
    form = TrainingForm(request.POST or None, instance=training)
    if request.method == "POST" and form.is_valid():
        try:
            training = services.training_save(training=form.instance, by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("La formation est enregistrée."))
            return redirect("digital:training_detail", training.pk)
    return render(request, "digital/training_form.html", {"form": form, "training": training})


@requires("digital.view_software", model=Training, detail=True)
def training_detail(request: HttpRequest, training: Training) -> HttpResponse:
    return training_page(request, training, RegistrationForm())


def training_page(request: HttpRequest, training: Training, form: RegistrationForm, status: int = 200) -> HttpResponse:
    registrations = Registration.objects.visible_to(request.user).active().filter(training=training).with_list_data()
    context = {
        "training": training,
        "form": form,
        "registrations": registrations,
        "seats_left": training.seats - training.taken,
    }
    return render(request, "digital/training_detail.html", context, status=status)


@requires("digital.register", model=Training, detail=True)
@require_POST
def registration_create(request: HttpRequest, training: Training) -> HttpResponse:
    form = RegistrationForm(request.POST)
    if form.is_valid():
        try:
            services.registration_create(
                training=training,
                organisation=request.membership.organisation,
                attendee=form.cleaned_data["attendee"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("L'inscription est enregistrée."))
            return redirect("digital:training_detail", training.pk)
    return training_page(request, training, form, status=400)


@requires("digital.cancel_registration", model=Registration)
@require_POST
def registration_cancel(request: HttpRequest, registration: Registration) -> HttpResponse:
    try:
        services.registration_cancel(registration=registration, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("L'inscription est annulée."))
    return redirect("digital:training_detail", registration.training_id)
