from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from mutualis.billing import services
from mutualis.billing.actions import with_actions
from mutualis.billing.forms import ChargeCancelForm, ChargeFilterForm, ChargeForm, StatementForm
from mutualis.billing.models import Charge, ChargeQuerySet
from mutualis.core.exports import export_dataset, export_response
from mutualis.core.forms import add_service_error
from mutualis.core.history import history_entries
from mutualis.core.lists import paginated
from mutualis.core.pdf import pdf_response, stored_pdf
from mutualis.territory.access import requires
from mutualis.territory.models import Organisation, Service


@requires("billing.list_charges")
def charge_list(request: HttpRequest) -> HttpResponse:
    visible = Charge.objects.visible_to(request.user).filter(territory=request.territory)
    form = ChargeFilterForm(request.GET or None, charges=visible, territory=request.territory)
    charges = form.filter(visible)
    if "format" in request.GET:
        return export_response(charges_dataset(charges.with_list_data()), request.GET["format"], "facturation")
    by_service = [{**row, "label": Service(row["service"]).label} for row in charges.totals_by_service()]
    listing = paginated(request, charges.with_list_data())
    listing["page"].object_list = with_actions(listing["page"].object_list)
    context = {
        "form": form,
        **listing,
        "by_service": by_service,
        "by_month": list(charges.totals_by_month()),
        "total": sum(row["total"] for row in by_service),
    }
    template = "billing/charge_list.html#results" if request.htmx else "billing/charge_list.html"
    return render(request, template, context)


def charges_dataset(charges: ChargeQuerySet | list[Charge]):
    headers = [_("Date du service"), _("Organisation facturée"), _("Code INSEE"), _("Service"), _("Action du schéma"),
               _("Libellé"), _("Quantité"), _("Prix unitaire (€)"), _("Montant (€)"), _("Statut"),
               _("Motif d'annulation")]  # fmt: skip
    rows = (
        [
            c.date,
            c.organisation.name,
            c.organisation.insee_code,
            c.get_service_display(),
            str(c.scheme_action or ""),
            c.label,
            c.quantity,
            c.unit_price,
            c.amount,
            c.get_status_display(),
            c.cancel_reason,
        ]  # fmt: skip
        for c in with_actions(charges)
    )
    return export_dataset(headers, rows, title=_("Facturation"))


@requires("billing.view_charge", model=Charge, detail=True)
def charge_detail(request: HttpRequest, charge: Charge) -> HttpResponse:
    context = {
        "charge": with_actions([charge])[0],
        "cancel_form": ChargeCancelForm(),
        "history": history_entries(list(charge.history.select_related("history_user")), subject=lambda r: r.label),
    }
    return render(request, "billing/charge_detail.html", context)


@requires("billing.cancel_charge", model=Charge)
def charge_cancel(request: HttpRequest, charge: Charge) -> HttpResponse:
    form = ChargeCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.charge_cancel(charge=charge, reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("La ligne de facturation est annulée."))
            return redirect("billing:charge_detail", pk=charge.pk)
    return render(request, "billing/charge_cancel.html", {"charge": charge, "form": form})


@requires("billing.post_charge")
def charge_create(request: HttpRequest) -> HttpResponse:
    form = ChargeForm(request.POST or None, territory=request.territory)
    if request.method == "POST" and form.is_valid():
        try:
            charge = services.charge_post(**form.cleaned_data, created_by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("La ligne de facturation est enregistrée."))
            return redirect("billing:charge_detail", pk=charge.pk)
    return render(request, "billing/charge_form.html", {"form": form})


@requires("billing.view_organisation_charges", model=Organisation)
def statement(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    """An organisation's monthly statement of its posted charges (all services, or one), on
    screen, as CSV/XLSX/ODS (`?format=`) or as PDF (`?format=pdf`)."""
    form = StatementForm(request.GET or None)
    start, end = form.period(timezone.localdate())
    charges = Charge.objects.visible_to(request.user).of_organisation(organisation).posted().in_period(start, end)
    charges = list(form.filter(charges).select_related("organisation").order_by("date", "pk"))
    service = form.cleaned_data.get("service") if form.is_valid() else ""
    filename = f"releve-{organisation.insee_code or organisation.pk}-{start:%Y-%m}"
    context = {
        "organisation": organisation,
        "form": form,
        "month": start,
        "service_label": Service(service).label if service else "",
        "charges": charges,
        "total": sum((c.amount for c in charges), Decimal("0.00")),
    }
    if request.GET.get("format") == "pdf":
        kind = f"releve-{start:%Y-%m}-{service or 'tous'}"
        content = stored_pdf("billing/statement_pdf.html", context, request, kind=kind, pk=organisation.pk)
        return pdf_response(content, filename)
    if "format" in request.GET:
        return export_response(charges_dataset(charges), request.GET["format"], filename)
    return render(request, "billing/statement.html", context)
