"""The ad hoc commission of the services communs (schéma §4): members, meetings and minutes, and
per service the figures it evaluates, from which it may propose an adjustment to the Bureau."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from mutualis.commonservices import followup, services
from mutualis.commonservices.forms import CommissionMemberForm, MeetingForm
from mutualis.commonservices.models import CommissionMeeting, CommissionMember, CommonService
from mutualis.core.forms import add_service_error, post_only
from mutualis.territory.access import requires
from mutualis.territory.models import Service


def render_commission(request: HttpRequest, member_form=None, meeting_form=None) -> HttpResponse:
    territory = request.territory
    service_rows = list(CommonService.objects.filter(territory=territory).with_list_data())
    figures = followup.years_of(service_rows)
    context = {
        "members": CommissionMember.objects.filter(territory=territory).select_related("user"),
        "meetings": CommissionMeeting.objects.filter(territory=territory),
        "services": [(service, list(figures[service.pk].values())[-3:]) for service in service_rows],
        "may_manage": request.user.has_perm("commonservices.manage", territory),
        "member_form": member_form or CommissionMemberForm(territory=territory),
        "meeting_form": meeting_form or MeetingForm(),
    }
    status = 400 if member_form or meeting_form else 200
    return render(request, "commonservices/commission.html", context, status=status)


@requires("commonservices.view_commission")
def commission(request: HttpRequest) -> HttpResponse:
    return render_commission(request)


@requires("commonservices.manage")
@post_only
def member_add(request: HttpRequest) -> HttpResponse:
    form = CommissionMemberForm(request.POST, territory=request.territory)
    if form.is_valid():
        try:
            services.commission_member_add(territory=request.territory, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Le membre est ajouté à la commission."))
            return redirect("commonservices:commission")
    return render_commission(request, member_form=form)


@requires("commonservices.manage")
@post_only
def meeting_add(request: HttpRequest) -> HttpResponse:
    form = MeetingForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.commission_meeting_record(territory=request.territory, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("La réunion est enregistrée."))
            return redirect("commonservices:commission")
    return render_commission(request, meeting_form=form)


@requires("commonservices.follow", model=CommonService)
def service_followup(request: HttpRequest, commonservice: CommonService) -> HttpResponse:
    years = list(followup.years_of([commonservice])[commonservice.pk].values())
    context = {
        "service": commonservice,
        "years": years,
        "proposal_url": proposal_url(commonservice, years[-1] if years else None),
        "may_propose": request.user.has_perm("steering.manage_scheme", request.territory),
    }
    return render(request, "commonservices/followup.html", context)


def proposal_url(service: CommonService, last: followup.YearFigures | None) -> str:
    """Steering's proposal form for the action of the services communs, pre-filled with the figures."""
    text = _("Proposition de la commission des services communs sur « %(name)s ».") % {"name": service.name}
    if last is not None:
        text += " " + _(
            "En %(year)s : %(adherents)s adhérents, %(units)s unités, coût unitaire %(cost)s €, solde %(balance)s €."
        ) % {
            "year": last.year,
            "adherents": last.adherents,
            "units": last.units,
            "cost": last.accounts_unit_cost or last.budget_unit_cost or "—",
            "balance": last.balance if last.balance is not None else "—",
        }
    query = urlencode({"service": Service.COMMON_SERVICES, "kind": "resources", "text": text})
    return f"{reverse('steering:adjustment_for_service')}?{query}"
