from __future__ import annotations

import tablib
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mutualis.core.exports import export_dataset, export_response
from mutualis.core.forms import add_service_error, post_only
from mutualis.core.lists import paginated
from mutualis.equipment import services
from mutualis.equipment.forms import (
    NeedForm,
    ProposalAcceptForm,
    ProposeForm,
    RefuseForm,
    RequestFilterForm,
    RequestForm,
)
from mutualis.equipment.models import Item, Loan, Request, RequestQuerySet, conflicting_requests
from mutualis.territory.access import requires


def _form_errors(form, error: ValidationError) -> None:
    """Services speak of `end` (excluded); request forms show the last day."""
    if hasattr(error, "error_dict") and "end" in error.error_dict:
        errors = dict(error.error_dict)
        errors["last_day"] = errors.pop("end")
        error = ValidationError(errors)
    add_service_error(form, error)


@requires("equipment.request_item", model=Item)
def request_create(request: HttpRequest, item: Item) -> HttpResponse:
    borrower = request.membership.organisation
    form = RequestForm(request.POST or None, borrower=borrower, item=item, initial={"contact": request.user})
    if request.method == "POST" and form.is_valid():
        try:
            created = services.request_create(
                borrower=borrower, item=item, created_by=request.user, **form.request_fields()
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Votre demande est envoyée au propriétaire."))
            return redirect("equipment:request_detail", pk=created.pk)
    return render(request, "equipment/request_form.html", {"form": form, "item": item})


@requires("equipment.request_item")
def need_create(request: HttpRequest) -> HttpResponse:
    borrower = request.membership.organisation
    form = NeedForm(
        request.POST or None,
        borrower=borrower,
        categories=services.categories_for(request.territory),
        initial={"contact": request.user},
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = services.request_create(borrower=borrower, created_by=request.user, **form.request_fields())
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Votre besoin est transmis au service et aux communes du territoire."))
            return redirect("equipment:request_detail", pk=created.pk)
    return render(request, "equipment/request_form.html", {"form": form})


def _request_list(request: HttpRequest, requests: RequestQuerySet, template: str, filename: str) -> HttpResponse:
    form = RequestFilterForm(request.GET or None)
    requests = form.filter(requests)
    if "format" in request.GET:
        return export_response(requests_dataset(requests), request.GET["format"], filename)
    context = {"form": form, **paginated(request, requests)}
    return render(request, f"{template}#results" if request.htmx else template, context)


@requires("equipment.view_item")
def my_requests(request: HttpRequest) -> HttpResponse:
    requests = Request.objects.visible_to(request.user).filter(borrower=request.membership.organisation)
    return _request_list(request, requests.with_list_data(), "equipment/my_requests.html", "mes-demandes")


@requires("equipment.view_item")
def received_requests(request: HttpRequest) -> HttpResponse:
    requests = Request.objects.visible_to(request.user).filter(owner=request.membership.organisation)
    return _request_list(
        request, requests.with_list_data().pending_first(), "equipment/received_requests.html", "demandes-recues"
    )


@requires("equipment.view_item")
def need_list(request: HttpRequest) -> HttpResponse:
    needs = Request.objects.visible_to(request.user).filter(territory=request.territory).needs().open()
    return _request_list(request, needs.with_list_data(), "equipment/need_list.html", "besoins")


def requests_dataset(requests: RequestQuerySet) -> tablib.Dataset:
    headers = [_("Matériel ou catégorie"), _("Emprunteur"), _("Prêteur"), _("Premier jour"), _("Dernier jour"),
               _("Usage prévu"), _("Remise"), _("Contact"), _("Statut"), _("Motif du refus"),
               _("Saisie le")]  # fmt: skip
    rows = (
        [
            r.item.name if r.item else r.category.name,
            r.borrower.name,
            r.owner.name if r.owner else "",
            r.start,
            r.last_day,
            r.purpose,
            r.get_handover_display(),
            str(r.contact),
            r.get_status_display(),
            r.refusal_reason,
            r.created_at.date(),
        ]  # fmt: skip
        for r in requests
    )
    return export_dataset(headers, rows, title=_("Demandes de matériel"))


# The model is called Request: in the views below the HTTP request is `http`, the row `request`.


def _detail(http: HttpRequest, request: Request, **forms) -> HttpResponse:
    request = Request.objects.with_detail_data().get(pk=request.pk)
    user = http.user
    proposable = Item.objects.none()
    if user.has_perm("equipment.propose_item", request):
        proposable = (
            Item.objects.changeable_by(user)
            .filter(territory=request.territory)
            .lendable()
            .exclude(owner=request.borrower_id)
            .available_between(request.start, request.end)
            .with_list_data()
        )
    context = {
        "item_request": request,
        "conflicts": conflicting_requests(request) if request.can_be_decided else [],
        "loan": Loan.objects.filter(request=request).first(),
        "refuse_form": forms.get("refuse_form") or RefuseForm(),
        "propose_form": forms.get("propose_form") or ProposeForm(items=proposable),
        "proposal_form": forms.get("proposal_form") or ProposalAcceptForm(),
    }
    return render(http, "equipment/request_detail.html", context, status=400 if forms else 200)


@requires("equipment.view_request", model=Request)
def request_detail(http: HttpRequest, request: Request) -> HttpResponse:
    return _detail(http, request)


@requires("equipment.propose_item", model=Request)
def need_detail(http: HttpRequest, request: Request) -> HttpResponse:
    """An open need as the organisations that may answer it see it (they are not its parties)."""
    return _detail(http, request)


@requires("equipment.decide_request", model=Request)
@post_only
def request_accept(http: HttpRequest, request: Request) -> HttpResponse:
    try:
        loan = services.request_accept(request=request, by=http.user)
    except ValidationError as error:
        messages.error(http, " ".join(error.messages))
        return redirect("equipment:request_detail", pk=request.pk)
    messages.success(
        http, _("La demande est acceptée : le prêt est créé et sa convention envoyée pour signature aux parties.")
    )
    return redirect("equipment:loan_detail", pk=loan.pk)


@requires("equipment.decide_request", model=Request)
@post_only
def request_refuse(http: HttpRequest, request: Request) -> HttpResponse:
    form = RefuseForm(http.POST)
    if form.is_valid():
        try:
            services.request_refuse(request=request, reason=form.cleaned_data["reason"], by=http.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(http, _("La demande est refusée ; le demandeur est prévenu."))
            return redirect("equipment:request_detail", pk=request.pk)
    return _detail(http, request, refuse_form=form)


@requires("equipment.cancel_request", model=Request)
@post_only
def request_cancel(http: HttpRequest, request: Request) -> HttpResponse:
    try:
        services.request_cancel(request=request, by=http.user)
    except ValidationError as error:
        messages.error(http, " ".join(error.messages))
    else:
        messages.success(http, _("La demande est annulée."))
    return redirect("equipment:request_detail", pk=request.pk)


@requires("equipment.propose_item", model=Request)
@post_only
def need_propose(http: HttpRequest, request: Request) -> HttpResponse:
    items = Item.objects.changeable_by(http.user).filter(territory=request.territory).lendable()
    form = ProposeForm(http.POST, items=items)
    if form.is_valid():
        try:
            services.need_propose(request=request, by=http.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(http, _("Le matériel est proposé ; le demandeur est prévenu."))
            return redirect("equipment:request_detail", pk=request.pk)
    return _detail(http, request, propose_form=form)


@requires("equipment.accept_proposal", model=Request)
@post_only
def proposal_accept(http: HttpRequest, request: Request) -> HttpResponse:
    form = ProposalAcceptForm(http.POST)
    if form.is_valid():
        proposal = request.proposals.filter(pk=form.cleaned_data["proposal"]).first()
        if proposal is None:
            form.add_error(None, _("Cette proposition n'existe pas pour ce besoin."))
        else:
            try:
                created = services.proposal_accept(
                    proposal=proposal,
                    by=http.user,
                    qualification_declared=form.cleaned_data["qualification_declared"],
                    qualification_holder=form.cleaned_data["qualification_holder"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(http, _("Votre demande pour ce matériel est envoyée à son propriétaire."))
                return redirect("equipment:request_detail", pk=created.pk)
    return _detail(http, request, proposal_form=form)
