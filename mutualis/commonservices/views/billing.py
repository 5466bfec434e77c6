"""Provisional calls and the year-end settlement of a service, and a member's yearly statement."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mutualis.commonservices import services
from mutualis.commonservices.forms import PeriodForm, SettlementForm
from mutualis.commonservices.models import CommonService, Instalment, period_span
from mutualis.core.forms import post_only
from mutualis.core.params import year_param
from mutualis.core.pdf import pdf_response, stored_pdf
from mutualis.core.periods import current_year
from mutualis.territory.access import requires
from mutualis.territory.models import Organisation


@requires("commonservices.change_service", model=CommonService)
def billing(request: HttpRequest, commonservice: CommonService) -> HttpResponse:
    year = year_param(request, "annee", current_year(), 2000, 2100)
    instalments = Instalment.objects.filter(service=commonservice, year=year).with_list_data()
    posted = {i.period for i in instalments}
    periods = [
        (number, *period_span(year, commonservice.periods, number), number in posted)
        for number in range(1, commonservice.periods + 1)
    ]
    context = {
        "service": commonservice,
        "year": year,
        "periods": periods,
        "instalments": instalments,
        "settled": 0 in posted,
        "total": sum((i.amount for i in instalments), start=0),
    }
    return render(request, "commonservices/billing.html", context)


def tell(request: HttpRequest, result: services.PostResult) -> None:
    messages.success(
        request,
        ngettext("%(count)d appel émis.", "%(count)d appels émis.", len(result.posted)) % {"count": len(result.posted)},
    )
    if result.already:
        messages.info(
            request,
            ngettext(
                "%(count)d adhérent l'avait déjà reçu : rien de plus.",
                "%(count)d adhérents l'avaient déjà reçu : rien de plus.",
                result.already,
            )
            % {"count": result.already},
        )
    for refusal in result.refused:
        messages.warning(request, refusal)


def billing_url(service: CommonService, year: int) -> str:
    return f"{reverse('commonservices:billing', args=[service.pk])}?annee={year}"


@requires("commonservices.change_service", model=CommonService)
@post_only
def provisional_post(request: HttpRequest, commonservice: CommonService) -> HttpResponse:
    form = PeriodForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez l'année et la période."))
        return redirect("commonservices:billing", pk=commonservice.pk)
    try:
        result = services.provisional_post(service=commonservice, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        tell(request, result)
    return redirect(billing_url(commonservice, form.cleaned_data["year"]))


@requires("commonservices.change_service", model=CommonService)
@post_only
def settlement_post(request: HttpRequest, commonservice: CommonService) -> HttpResponse:
    form = SettlementForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez l'année."))
        return redirect("commonservices:billing", pk=commonservice.pk)
    try:
        result = services.settlement_post(service=commonservice, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        tell(request, result)
    return redirect(billing_url(commonservice, form.cleaned_data["year"]))


def statement_context(request: HttpRequest, organisation: Organisation) -> dict:
    """The member's calls and settlements of the year, invoiced ones apart from those deducted from
    its attribution de compensation."""
    year = year_param(request, "annee", current_year() - 1, 2000, 2100)
    instalments = list(Instalment.objects.filter(organisation=organisation, year=year).with_list_data())
    invoiced = [i for i in instalments if not i.service.is_deducted]
    deducted = [i for i in instalments if i.service.is_deducted]
    return {
        "organisation": organisation,
        "year": year,
        "invoiced": invoiced,
        "deducted": deducted,
        "invoiced_total": sum((i.amount for i in invoiced), start=0),
        "deducted_total": sum((i.amount for i in deducted), start=0),
    }


@requires("commonservices.view_statement", model=Organisation)
def statement(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    return render(request, "commonservices/statement.html", statement_context(request, organisation))


@requires("commonservices.view_statement", model=Organisation)
def statement_pdf(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    context = statement_context(request, organisation)
    kind = f"releve-services-communs-{context['year']}"
    content = stored_pdf("commonservices/statement_pdf.html", context, request, kind=kind, pk=organisation.pk)
    return pdf_response(content, f"services-communs-{context['year']}-{organisation.pk}")
