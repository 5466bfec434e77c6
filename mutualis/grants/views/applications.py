"""A commune's files: the list, the form that shows the limits as one types, the file's page,
its documents and messages, and the decision letter."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import tablib
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from mutualis.core.exports import export_dataset, export_response
from mutualis.core.forms import LARGEST_NUMBER, add_service_error, post_only, run_and_tell
from mutualis.core.lists import paginated
from mutualis.core.money import from_cents, to_cents
from mutualis.core.params import int_param
from mutualis.core.pdf import last_changed, pdf_response, stored_pdf
from mutualis.grants import limits, services
from mutualis.grants.forms import (
    AdvanceForm,
    ApplicationFilterForm,
    ApplicationForm,
    BalanceForm,
    DecisionForm,
    DocumentForm,
    DocumentsRequestForm,
    MessageForm,
    OpinionForm,
    ProposalForm,
    WorksStartForm,
)
from mutualis.grants.models import Application, ApplicationQuerySet, DocumentKind, Rules
from mutualis.territory.access import requires
from mutualis.territory.models import COMMUNE_STAFF, Organisation, OrganisationKind
from mutualis.territory.permissions import seats_of


@requires("grants.view_applications")
def application_list(request: HttpRequest) -> HttpResponse:
    form = ApplicationFilterForm(request.GET or None, territory=request.territory)
    applications = Application.objects.visible_to(request.user).filter(territory=request.territory)
    applications = form.filter(applications).with_list_data().select_related("organisation__sector")
    if "format" in request.GET:
        return export_response(applications_dataset(applications), request.GET["format"], "fonds-de-concours")
    context = {"form": form, **paginated(request, applications)}
    template = "grants/application_list.html"
    return render(request, f"{template}#results" if request.htmx else template, context)


def applications_dataset(applications: ApplicationQuerySet) -> tablib.Dataset:
    headers = [_("N°"), _("Année"), _("Commune"), _("Secteur"), _("Intitulé du projet"), _("Équipement concerné"),
               _("Nature du projet"), _("Coût HT (€)"), _("Autres subventions (€)"), _("Montant demandé (€)"),
               _("Montant proposé (€)"), _("Montant attribué (€)"), _("État"), _("Déposé le"), _("Décidé le"),
               _("Référence de la délibération")]  # fmt: skip
    rows = (
        [
            a.pk,
            a.rules.year,
            a.organisation.name,
            a.organisation.sector.name if a.organisation.sector else "",
            a.title,
            a.equipment,
            a.kind.name,
            a.cost_ht,
            a.other_subsidies,
            a.amount_asked,
            a.proposed_amount,
            a.granted_amount,
            a.get_status_display(),
            a.submitted_on,
            a.decided_on,
            a.decision_reference,
        ]  # fmt: skip
        for a in applications
    )
    return export_dataset(headers, rows, title=_("Fonds de concours"))


def open_rules(request: HttpRequest) -> Rules | None:
    """The rules files are filed under: this year's."""
    return Rules.objects.of_year(request.territory, timezone.localdate().year)


def filing_organisations(request: HttpRequest):
    """The communes the person may file for: where she is mayor or secretary (through the membership acted)."""
    ids = [seat.organisation_id for seat in seats_of(request.user) if seat.role in COMMUNE_STAFF]
    communes = Organisation.objects.filter(pk__in=ids, territory=request.territory, kind=OrganisationKind.COMMUNE)
    return communes.order_by("search_name")


def application_form(request: HttpRequest, rules: Rules, application: Application | None = None) -> ApplicationForm:
    data = request.POST if request.method == "POST" else None
    organisations = filing_organisations(request)
    if application is not None:
        # Her file stays hers even if she now also acts for another commune.
        organisations = Organisation.objects.filter(pk=application.organisation_id) | organisations
    initial = {"organisation": request.membership.organisation_id}
    return ApplicationForm(data, instance=application, initial=initial, rules=rules, organisations=organisations)


def save_form(request: HttpRequest, form: ApplicationForm, rules: Rules) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_save(application=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Le dossier est enregistré en brouillon. Joignez les pièces, puis déposez-le."))
            return redirect("grants:application_detail", pk=application.pk)
    context = {"form": form, "rules": rules, "application": form.instance if form.instance.pk else None}
    return render(request, "grants/application_form.html", context, status=400 if form.errors else 200)


@requires("grants.apply")
def application_create(request: HttpRequest) -> HttpResponse:
    rules = open_rules(request)
    if rules is None:
        return render(request, "grants/no_rules.html", {"year": timezone.localdate().year})
    return save_form(request, application_form(request, rules), rules)


@requires("grants.change_application", model=Application)
def application_edit(request: HttpRequest, application: Application) -> HttpResponse:
    return save_form(request, application_form(request, application.rules, application), application.rules)


@requires("grants.apply")
def limits_preview(request: HttpRequest) -> HttpResponse:
    """The limits of the file being typed (htmx): financing plan, every ceiling, the binding one."""
    rules_pk = int_param(request, "rules", 0, 1, LARGEST_NUMBER)
    rules = Rules.objects.filter(territory=request.territory, pk=rules_pk).first() or open_rules(request)
    if rules is None:
        raise Http404
    form = ApplicationForm(request.GET, rules=rules, organisations=filing_organisations(request))
    form.is_valid()
    data = form.cleaned_data
    organisation = data.get("organisation") or request.membership.organisation
    figures = {name: data.get(name) or Decimal("0") for name in ("cost_ht", "other_subsidies", "amount_asked")}
    draft = Application(rules=rules, organisation=organisation, **figures)
    ceilings = services.ceilings_of(draft)
    context = {
        "rules": rules,
        "draft": draft,
        "ceilings": in_euros(ceilings),
        "refusals": ceilings.refusals(to_cents(figures["amount_asked"])) if figures["amount_asked"] else [],
        "typed": bool(figures["cost_ht"]),
    }
    return render(request, "grants/_limits.html", context)


def in_euros(ceilings: limits.Ceilings) -> dict:
    """The ceilings in euros, for a page; the envelope's None (the year has none) kept."""
    euros = {name: from_cents(getattr(ceilings, name)) for name in ("legal", "rate", "file", "binding")}
    left = ceilings.envelope_left
    return {**euros, "envelope_left": None if left is None else from_cents(max(left, 0))}


@requires("grants.view_application", model=Application, detail=True)
def application_detail(request: HttpRequest, application: Application) -> HttpResponse:
    return render_detail(request, application)


def render_detail(request: HttpRequest, application: Application, **forms) -> HttpResponse:
    """The file's page; `forms` replace the blank ones (a form sent back with its errors)."""
    user = request.user

    def blank(permission: str, form_class, **initial):
        return form_class(initial=initial) if user.has_perm(permission, application) else None

    today = timezone.localdate()
    missing = application.missing_documents()
    may_instruct = user.has_perm("grants.instruct", application)
    context = {
        "object": application,
        "ceilings": in_euros(services.ceilings_of(application)) if may_instruct else None,
        "missing_labels": [DocumentKind(kind).label for kind in missing],
        "document_form": blank("grants.add_document", DocumentForm),
        "message_form": blank("grants.post_message", MessageForm),
        "request_form": blank("grants.instruct", DocumentsRequestForm, kinds=missing),
        "opinion_form": blank("grants.instruct", OpinionForm),
        "proposal_form": blank("grants.instruct", ProposalForm, amount=application.amount_asked),
        "decision_form": blank("grants.decide", DecisionForm, amount=application.proposed_amount, decided_on=today),
        **payment_forms(request, application, today),
        **forms,
    }
    return render(request, "grants/application_detail.html", context, status=400 if forms else 200)


def payment_forms(request: HttpRequest, application: Application, today) -> dict:
    if not request.user.has_perm("grants.pay", application):
        return {}
    kinds = {payment.kind for payment in application.payments.all()}
    if application.works_started_on is None:
        return {"works_form": WorksStartForm(initial={"started_on": today})}
    final, balance = services.balance_of(application, application.cost_ht)
    forms = {
        "balance_form": BalanceForm(initial={"actual_cost": application.cost_ht, "paid_on": today}),
        "final": from_cents(final),
        "balance": from_cents(balance),
    }
    if "advance" not in kinds:
        forms["advance_form"] = AdvanceForm(initial={"paid_on": today})
    return forms


def back(application: Application) -> HttpResponse:
    return redirect("grants:application_detail", pk=application.pk)


@requires("grants.submit_application", model=Application)
@post_only
def application_submit(request: HttpRequest, application: Application) -> HttpResponse:
    run_and_tell(
        request,
        lambda: services.application_submit(application=application, by=request.user),
        _("Le dossier est déposé : l'agglomération l'instruit et vous répond ici."),
    )
    return back(application)


@requires("grants.withdraw_application", model=Application)
@post_only
def application_withdraw(request: HttpRequest, application: Application) -> HttpResponse:
    run_and_tell(
        request,
        lambda: services.application_withdraw(application=application, by=request.user),
        _("Le dossier est retiré."),
    )
    return back(application)


def handle(
    request: HttpRequest, application: Application, form: Form, name: str, write: Callable[[dict], object], done: str
) -> HttpResponse:
    """Run the service behind a form of the file's page; its refusal is shown next to the field it names."""
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, done)
            return back(application)
    return render_detail(request, application, **{name: form})


@requires("grants.add_document", model=Application)
@post_only
def document_add(request: HttpRequest, application: Application) -> HttpResponse:
    return handle(
        request,
        application,
        DocumentForm(request.POST, request.FILES),
        "document_form",
        lambda data: services.document_add(application=application, by=request.user, **data),
        _("La pièce est jointe au dossier."),
    )


@requires("grants.post_message", model=Application)
@post_only
def message_post(request: HttpRequest, application: Application) -> HttpResponse:
    return handle(
        request,
        application,
        MessageForm(request.POST),
        "message_form",
        lambda data: services.message_post(application=application, by=request.user, **data),
        _("Votre message est envoyé."),
    )


@requires("grants.view_letter", model=Application, detail=True)
def letter_pdf(request: HttpRequest, application: Application) -> HttpResponse:
    context = {
        "object": application,
        "epci": application.territory.epci(),
        "advance_rate": application.rules.advance_rate,
        "printed_on": last_changed(application.history.all()),
    }
    content = stored_pdf("grants/letter_pdf.html", context, request, kind="lettre-fonds-de-concours", pk=application.pk)
    return pdf_response(content, f"fonds-de-concours-{application.pk}")
