"""An organisation's record of processing activities (RGPD art. 30): list, export, PDF, rows."""

from __future__ import annotations

import tablib
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mutualis.core.exports import export_dataset, export_response
from mutualis.core.forms import add_service_error
from mutualis.core.lists import paginated
from mutualis.core.pdf import last_changed, pdf_response, stored_pdf
from mutualis.digital import services
from mutualis.digital.forms import ProcessingActivityForm, RecordFilterForm
from mutualis.digital.models import ProcessingActivity
from mutualis.digital.record_templates import RECORD_TEMPLATES
from mutualis.territory.access import requires
from mutualis.territory.models import Organisation


@requires("digital.view_software")
def my_record(request: HttpRequest) -> HttpResponse:
    return redirect("digital:record", request.membership.organisation_id)


def record_rows(request: HttpRequest, organisation: Organisation):
    return ProcessingActivity.objects.visible_to(request.user).filter(organisation=organisation).current()


@requires("digital.view_record", model=Organisation)
def record(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = RecordFilterForm(request.GET or None)
    rows = form.filter(record_rows(request, organisation).with_list_data())
    if "format" in request.GET:
        return export_response(record_dataset(rows), request.GET["format"], f"registre-rgpd-{organisation.pk}")
    context = {"organisation": organisation, "form": form, "templates": RECORD_TEMPLATES, **paginated(request, rows)}
    return render(request, "digital/record.html", context)


COLUMNS = ["name", "purposes", "legal_basis", "data_subjects", "data_categories", "sensitive_data", "recipients",
           "transfers_outside_eu", "retention", "security_measures", "contact", "created_at", "updated_at"]  # fmt: skip


def cell(activity: ProcessingActivity, name: str):
    if name == "legal_basis":
        return activity.get_legal_basis_display()
    if name == "sensitive_data":
        return _("oui") if activity.sensitive_data else _("non")
    if name == "transfers_outside_eu":
        return activity.transfers_outside_eu or _("aucun")
    if name in ("created_at", "updated_at"):
        return timezone.localtime(getattr(activity, name)).strftime("%d/%m/%Y")
    return getattr(activity, name)


def record_dataset(rows) -> tablib.Dataset:
    headers = [str(ProcessingActivity._meta.get_field(name).verbose_name).capitalize() for name in COLUMNS]
    return export_dataset(
        headers, ([cell(a, name) for name in COLUMNS] for a in rows), title=_("Registre des traitements")
    )


@requires("digital.view_record", model=Organisation)
def record_pdf(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    rows = record_rows(request, organisation).with_list_data()
    headers = [str(ProcessingActivity._meta.get_field(name).verbose_name).capitalize() for name in COLUMNS]
    context = {
        "organisation": organisation,
        "activities": [list(zip(headers, [cell(a, name) for name in COLUMNS], strict=True)) for a in rows],
        "as_of": last_changed(ProcessingActivity.history.filter(organisation_id=organisation.pk)),
    }
    content = stored_pdf("digital/record_pdf.html", context, request, kind="registre-rgpd", pk=organisation.pk)
    return pdf_response(content, f"registre-rgpd-{organisation.pk}")


@requires("digital.change_record", model=Organisation)
def activity_create(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    """A new row, pre-filled from a common municipal processing with `?modele=<key>`."""
    initial = dict(RECORD_TEMPLATES.get(request.GET.get("modele", ""), {}))
    return activity_form(request, ProcessingActivity(organisation=organisation), initial)


@requires("digital.change_record", model=ProcessingActivity)
def activity_edit(request: HttpRequest, processingactivity: ProcessingActivity) -> HttpResponse:
    return activity_form(request, processingactivity, {})


def activity_form(request: HttpRequest, activity: ProcessingActivity, initial: dict) -> HttpResponse:
    form = ProcessingActivityForm(request.POST or None, instance=activity, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.processing_save(activity=form.instance, by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Le traitement « %(name)s » est enregistré.") % {"name": activity.name})
            return redirect("digital:activity_detail", activity.pk)
    return render(request, "digital/activity_form.html", {"form": form, "activity": activity})


@requires("digital.view_record", model=ProcessingActivity, detail=True)
def activity_detail(request: HttpRequest, processingactivity: ProcessingActivity) -> HttpResponse:
    return render(request, "digital/activity_detail.html", {"activity": processingactivity})


@requires("digital.change_record", model=ProcessingActivity)
@require_POST
def activity_archive(request: HttpRequest, processingactivity: ProcessingActivity) -> HttpResponse:
    try:
        services.processing_archive(activity=processingactivity, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Le traitement est archivé ; il reste dans l'historique."))
    return redirect("digital:record", processingactivity.organisation_id)
