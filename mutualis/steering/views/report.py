from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mutualis.core.pdf import Pdf, pdf_of, pdf_response, pdf_soon, waiting_response
from mutualis.steering import services
from mutualis.steering.forms import ReportForm
from mutualis.steering.models import ReportNote, Scheme
from mutualis.steering.odt import report_odt
from mutualis.steering.report import annual_report
from mutualis.steering.views.common import year_of
from mutualis.territory.access import requires

ODT = "application/vnd.oasis.opendocument.text"


@requires("steering.make_report", model=Scheme)
def report_prepare(request: HttpRequest, scheme: Scheme) -> HttpResponse:
    """The coordinator writes a text per action for the year, then generates the report."""
    year = year_of(request, scheme)
    actions = list(scheme.actions.all())
    notes = dict(ReportNote.objects.filter(action__scheme=scheme, year=year).values_list("action_id", "text"))
    form = ReportForm(request.POST or None, actions=actions, notes=notes)
    if request.method == "POST" and form.is_valid():
        for action in actions:
            services.report_note_save(action=action, year=year, text=form.cleaned_data[f"note_{action.pk}"])
        messages.success(request, _("Les commentaires sont enregistrés."))
        return redirect(reverse("steering:report_prepare", args=[scheme.pk]) + f"?year={year}")
    return render(request, "steering/report_prepare.html", {"scheme": scheme, "year": year, "form": form})


def _report_pdf(request: HttpRequest, scheme: Scheme, year: int) -> Pdf:
    report = annual_report(scheme, year, timezone.localdate())
    return pdf_of("steering/report_pdf.html", {"report": report}, request, kind=f"bilan-{year}", pk=scheme.pk)


def _waiting(request: HttpRequest, scheme: Scheme, year: int, pdf: Pdf) -> HttpResponse:
    return waiting_response(
        request,
        pdf,
        title=_("Bilan d'avancement %(year)s en PDF") % {"year": year},
        download_url=reverse("steering:report_pdf", args=[scheme.pk]) + f"?year={year}",
        status_url=reverse("steering:report_pdf_status", args=[scheme.pk]) + f"?year={year}",
    )


@requires("steering.make_report", model=Scheme)
def report_pdf(request: HttpRequest, scheme: Scheme) -> HttpResponse:
    """The bilan in PDF, or a page following its layout when it takes longer than a moment."""
    year = year_of(request, scheme)
    pdf = _report_pdf(request, scheme, year)
    content = pdf_soon(pdf)
    if content is None:
        return _waiting(request, scheme, year, pdf)
    return pdf_response(content, f"bilan-schema-{year}")


@requires("steering.make_report", model=Scheme)
def report_pdf_status(request: HttpRequest, scheme: Scheme) -> HttpResponse:
    year = year_of(request, scheme)
    return _waiting(request, scheme, year, _report_pdf(request, scheme, year))


@requires("steering.make_report", model=Scheme)
def report_odt_download(request: HttpRequest, scheme: Scheme) -> HttpResponse:
    report = annual_report(scheme, year_of(request, scheme), timezone.localdate())
    response = HttpResponse(report_odt(report), content_type=ODT)
    response["Content-Disposition"] = f'attachment; filename="bilan-schema-{report.year}.odt"'
    return response
