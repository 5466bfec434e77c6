"""A granted file's works and payments: works start, advance, balance on the actual cost."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from mutualis.core.forms import post_only
from mutualis.core.money import from_cents
from mutualis.grants import services
from mutualis.grants.forms import AdvanceForm, BalanceForm, WorksStartForm
from mutualis.grants.models import Application
from mutualis.grants.views.applications import handle
from mutualis.territory.access import requires


@requires("grants.pay", model=Application)
@post_only
def works_start(request: HttpRequest, application: Application) -> HttpResponse:
    return handle(
        request,
        application,
        WorksStartForm(request.POST),
        "works_form",
        lambda data: services.works_start_record(application=application, by=request.user, **data),
        _("Le début des travaux est enregistré."),
    )


@requires("grants.pay", model=Application)
@post_only
def advance_pay(request: HttpRequest, application: Application) -> HttpResponse:
    return handle(
        request,
        application,
        AdvanceForm(request.POST),
        "advance_form",
        lambda data: services.advance_pay(application=application, by=request.user, **data),
        _("L'avance est enregistrée."),
    )


@requires("grants.pay", model=Application)
@post_only
def balance_pay(request: HttpRequest, application: Application) -> HttpResponse:
    return handle(
        request,
        application,
        BalanceForm(request.POST),
        "balance_form",
        lambda data: services.balance_pay(application=application, by=request.user, **data),
        _("Le solde est enregistré : le dossier est soldé."),
    )


@requires("grants.pay", model=Application)
def balance_preview(request: HttpRequest, application: Application) -> HttpResponse:
    """What the balance will be on the actual cost being typed (htmx)."""
    form = BalanceForm(request.GET)
    form.is_valid()
    actual_cost = form.cleaned_data.get("actual_cost")
    context = {"object": application}
    if actual_cost:
        final, balance = services.balance_of(application, actual_cost)
        context.update(final=from_cents(final), balance=from_cents(balance))
    return render(request, "grants/_balance.html", context)
