from __future__ import annotations

import tablib
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mutualis.agreements import services
from mutualis.agreements.forms import (
    ConventionFilterForm,
    ConventionForm,
    ConventionTemplateForm,
    EndForm,
    PartyFormSet,
    PartySignForm,
    SignForm,
    WaiverForm,
)
from mutualis.agreements.models import PLACEHOLDERS, Convention, ConventionParty, ConventionTemplate, SignatureWaiver
from mutualis.agreements.pdf import body_blocks, render_convention_pdf
from mutualis.core.exports import export_dataset, export_response
from mutualis.core.forms import add_service_error, run_and_tell
from mutualis.core.french import de
from mutualis.core.lists import paginated
from mutualis.core.pdf import pdf_response
from mutualis.territory.access import requires
from mutualis.territory.models import OrganisationKind


@requires("territory.view_territory")
def convention_list(request: HttpRequest) -> HttpResponse:
    form = ConventionFilterForm(request.GET or None, territory=request.territory)
    conventions = form.filter(
        Convention.objects.visible_to(request.user).filter(territory=request.territory).with_list_data()
    )
    if "format" in request.GET:
        return export_response(conventions_dataset(conventions), request.GET["format"], "conventions")
    context = {"form": form, **paginated(request, conventions)}
    template = "agreements/convention_list.html#results" if request.htmx else "agreements/convention_list.html"
    return render(request, template, context)


def conventions_dataset(conventions: QuerySet[Convention]) -> tablib.Dataset:
    headers = [_("Titre"), _("Instrument"), _("Référence légale"), _("Parties"), _("Premier jour"), _("Dernier jour"),
               _("Montant (€)"), _("Description du montant"), _("Statut"), _("Signée le")]  # fmt: skip
    rows = (
        [
            c.title,
            c.get_instrument_display(),
            c.reference,
            ", ".join(f"{p.organisation.name} ({p.role})" for p in c.convention_parties.all()),
            c.start,
            c.last_day,
            c.amount,
            c.amount_description,
            c.get_status_display(),
            c.signed_on,
        ]  # fmt: skip
        for c in conventions
    )
    return export_dataset(headers, rows, title=_("Conventions"))


@requires("agreements.change_convention")
def convention_create(request: HttpRequest) -> HttpResponse:
    territory = request.territory
    form = ConventionForm(request.POST or None)
    epci = territory.organisations.filter(kind=OrganisationKind.EPCI).first()
    parties = PartyFormSet(
        request.POST or None,
        prefix="parties",
        territory=territory,
        initial=[{"organisation": epci, "role": "EPCI"}] if epci else None,
    )
    if request.method == "POST" and form.is_valid() and parties.is_valid():
        try:
            convention = services.convention_create(
                territory=territory, parties=parties.parties(), created_by=request.user, **form.convention_fields()
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("La convention est créée en brouillon."))
            return redirect("agreements:convention_detail", pk=convention.pk)
    return render(request, "agreements/convention_form.html", {"form": form, "parties": parties})


@requires("agreements.view_convention", model=Convention, detail=True)
def convention_detail(request: HttpRequest, convention: Convention) -> HttpResponse:
    parties = [(party, _party_sign_form(request, party)) for party in convention.convention_parties.all()]
    can_waive = request.user.has_perm("agreements.waive_signature", convention)
    context = {
        "convention": convention,
        "parties": parties,
        "unsigned_parties": convention.unsigned_parties(),
        "waiver": convention.active_waiver(),
        "waiver_form": WaiverForm() if can_waive and convention.is_awaiting_signature else None,
        "status_changes": convention.status_changes(),
        "blocks": body_blocks(convention.body),
        "sign_form": SignForm(),
        "end_form": EndForm(),
    }
    return render(request, "agreements/convention_detail.html", context)


def _party_sign_form(request: HttpRequest, party: ConventionParty, data=None, files=None) -> PartySignForm | None:
    """The signature form for a party the user may sign for, while the signature is awaited."""
    if not party.convention.can_be_signed or party.has_signed:
        return None
    if not request.user.has_perm("agreements.sign_for_party", party):
        return None
    job_title = request.membership.job_title if request.membership else ""
    signatory = ", ".join(filter(None, [request.user.get_full_name(), job_title]))
    return PartySignForm(data, files, prefix=f"party-{party.pk}", initial={"signatory": signatory})


@requires("agreements.sign_for_party", model=ConventionParty)
def party_sign(request: HttpRequest, conventionparty: ConventionParty) -> HttpResponse:
    party = conventionparty
    form = _party_sign_form(request, party, request.POST or None, request.FILES or None)
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.convention_party_sign(party=party, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            party.convention.refresh_from_db(fields=["status"])
            if party.convention.is_signed:
                messages.success(request, _("La signature est enregistrée : toutes les parties ont signé."))
            else:
                messages.success(
                    request,
                    _("La signature %(of_organisation)s est enregistrée.")
                    % {"of_organisation": de(party.organisation.name)},
                )
            return redirect("agreements:convention_detail", pk=party.convention_id)
    return render(request, "agreements/party_sign.html", {"party": party, "convention": party.convention, "form": form})


@requires("agreements.waive_signature", model=Convention)
@require_POST
def convention_waive(request: HttpRequest, convention: Convention) -> HttpResponse:
    form = WaiverForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    run_and_tell(
        request,
        lambda: services.signature_waiver_grant(convention=convention, reason=reason, by=request.user),
        _("La dérogation est accordée : le service peut commencer avant la signature."),
    )
    return redirect("agreements:convention_detail", pk=convention.pk)


@requires("agreements.waive_signature", model=SignatureWaiver)
@require_POST
def waiver_revoke(request: HttpRequest, signaturewaiver: SignatureWaiver) -> HttpResponse:
    run_and_tell(
        request,
        lambda: services.signature_waiver_revoke(waiver=signaturewaiver, by=request.user),
        _("La dérogation est retirée : le service attend de nouveau la signature."),
    )
    return redirect("agreements:convention_detail", pk=signaturewaiver.convention_id)


@requires("agreements.change_convention", model=Convention)
@require_POST
def convention_send(request: HttpRequest, convention: Convention) -> HttpResponse:
    run_and_tell(
        request,
        lambda: services.convention_send(convention=convention, by=request.user),
        _("La convention est envoyée pour signature."),
    )
    return redirect("agreements:convention_detail", pk=convention.pk)


@requires("agreements.change_convention", model=Convention)
def convention_sign(request: HttpRequest, convention: Convention) -> HttpResponse:
    form = SignForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.convention_sign(convention=convention, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("La signature de la convention est enregistrée."))
            return redirect("agreements:convention_detail", pk=convention.pk)
    return render(request, "agreements/convention_sign.html", {"convention": convention, "form": form})


@requires("agreements.change_convention", model=Convention)
@require_POST
def convention_end(request: HttpRequest, convention: Convention) -> HttpResponse:
    form = EndForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Indiquez une date de fin valide."))
    else:
        run_and_tell(
            request,
            lambda: services.convention_end(
                convention=convention, ended_on=form.cleaned_data["ended_on"], by=request.user
            ),
            _("La convention est terminée."),
        )
    return redirect("agreements:convention_detail", pk=convention.pk)


@requires("agreements.change_convention", model=Convention)
@require_POST
def convention_cancel(request: HttpRequest, convention: Convention) -> HttpResponse:
    run_and_tell(
        request,
        lambda: services.convention_cancel(convention=convention, by=request.user),
        _("La convention est annulée."),
    )
    return redirect("agreements:convention_detail", pk=convention.pk)


@requires("agreements.view_convention", model=Convention)
def convention_pdf(request: HttpRequest, convention: Convention) -> HttpResponse:
    return pdf_response(render_convention_pdf(convention), slugify(convention.title) or "convention")


@requires("agreements.view_templates")
def template_list(request: HttpRequest) -> HttpResponse:
    templates = services.templates_for_territory(request.territory)
    return render(request, "agreements/template_list.html", {"templates": templates})


@requires("agreements.view_templates", model=ConventionTemplate)
def template_detail(request: HttpRequest, conventiontemplate: ConventionTemplate) -> HttpResponse:
    context = {"convention_template": conventiontemplate, "blocks": body_blocks(conventiontemplate.body)}
    return render(request, "agreements/template_detail.html", context)


@requires("agreements.manage_templates", model=ConventionTemplate)
def template_edit(request: HttpRequest, conventiontemplate: ConventionTemplate) -> HttpResponse:
    form = ConventionTemplateForm(request.POST or None, instance=conventiontemplate)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Le modèle est enregistré ; il s'appliquera aux prochaines conventions."))
        return redirect("agreements:template_detail", pk=conventiontemplate.pk)
    context = {"convention_template": conventiontemplate, "form": form, "placeholders": PLACEHOLDERS}
    return render(request, "agreements/template_edit.html", context)
