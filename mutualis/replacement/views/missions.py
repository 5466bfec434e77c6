from __future__ import annotations

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from mutualis.agreements.models import GatedStep
from mutualis.agreements.services import gate_refusal
from mutualis.billing.models import Charge
from mutualis.core.exports import export_dataset, export_response
from mutualis.core.forms import add_service_error, post_only
from mutualis.core.lists import paginated
from mutualis.replacement import services
from mutualis.replacement.forms import DisputeForm, TimesheetForm
from mutualis.replacement.models import Assignment, Timesheet
from mutualis.territory.access import requires


@requires("replacement.view_missions")
def assignment_list(request: HttpRequest) -> HttpResponse:
    """Missions the user may see: the agent's own, the organisation's, or all for the service."""
    rows = Assignment.objects.visible_to(request.user).filter(territory=request.territory).with_list_data()
    if request.GET.get("current"):
        rows = rows.active().filter(end__gt=timezone.localdate())
    if "format" in request.GET:
        headers = [_("Agent"), _("Organisation d'accueil"), _("Motif"), _("Premier jour"), _("Dernier jour"),
                   _("Heures par semaine"), _("Statut")]  # fmt: skip
        data = (
            [
                a.agent.name,
                a.organisation.name,
                a.request.get_motive_display(),
                a.start,
                a.last_day,
                a.weekly_hours,
                a.get_status_display(),
            ]  # fmt: skip
            for a in rows
        )
        dataset = export_dataset(headers, data, title=_("Missions de remplacement"))
        return export_response(dataset, request.GET["format"], "missions-remplacement")
    return render(request, "replacement/assignment_list.html", paginated(request, rows))


@requires("replacement.view_assignment", model=Assignment, detail=True)
def assignment_detail(request: HttpRequest, assignment: Assignment) -> HttpResponse:
    return _detail(request, assignment)


def _detail(
    request: HttpRequest, assignment: Assignment, form: TimesheetForm | None = None, refusal: tuple[int, str] = (0, "")
) -> HttpResponse:
    """The mission, its convention, its weeks of hours and what they billed; `refusal` is a
    week's (timesheet pk) refused validation, shown on its row. While the mise à disposition
    is unsigned, the page says so above the hours form."""
    timesheets = list(assignment.timesheets.order_by("-week"))
    charges = Charge.objects.visible_to(request.user).filter(
        source_type=ContentType.objects.get_for_model(Timesheet), source_id__in=[t.pk for t in timesheets]
    )
    context = {
        "assignment": assignment,
        "timesheets": timesheets,
        "charges": charges.with_list_data(),
        "form": form or TimesheetForm(initial={"week": services.monday_of(timezone.localdate())}),
        "dispute_form": DisputeForm(),
        "refused_pk": refusal[0],
        "refusal": refusal[1],
        "not_started": gate_refusal(convention=assignment.convention, step=GatedStep.MISSION_START),
    }
    return render(request, "replacement/assignment_detail.html", context)


@requires("replacement.record_hours", model=Assignment, detail=True)
@post_only
def timesheet_record(request: HttpRequest, assignment: Assignment) -> HttpResponse:
    form = TimesheetForm(request.POST)
    if form.is_valid():
        try:
            services.timesheet_record(assignment=assignment, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Les heures de la semaine sont transmises à l'organisation."))
            return redirect("replacement:assignment_detail", pk=assignment.pk)
    return _detail(request, assignment, form)


@requires("replacement.decide_timesheet", model=Timesheet)
@post_only
def timesheet_validate(request: HttpRequest, timesheet: Timesheet) -> HttpResponse:
    try:
        services.timesheet_validate(timesheet=timesheet, by=request.user)
    except ValidationError as error:
        assignment = Assignment.objects.with_detail_data().get(pk=timesheet.assignment_id)
        return _detail(request, assignment, refusal=(timesheet.pk, " ".join(error.messages)))
    messages.success(request, _("La semaine est validée et facturée."))
    return redirect("replacement:assignment_detail", pk=timesheet.assignment_id)


@requires("replacement.decide_timesheet", model=Timesheet)
@post_only
def timesheet_dispute(request: HttpRequest, timesheet: Timesheet) -> HttpResponse:
    form = DisputeForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Indiquez ce qui ne va pas."))
        services.timesheet_dispute(timesheet=timesheet, reason=form.cleaned_data["reason"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("La semaine est contestée ; l'agent en est informé sur la mission."))
    return redirect("replacement:assignment_detail", pk=timesheet.assignment_id)
