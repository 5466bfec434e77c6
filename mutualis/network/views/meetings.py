"""Meetings of the network's bodies: the programme, a meeting's audience and registrations, the
attendance on the day, the minutes and slides afterwards."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mutualis.core.forms import add_service_error, post_only, run_and_tell
from mutualis.core.lists import paginated
from mutualis.network import services
from mutualis.network.forms import AgentChoiceForm, MeetingFilesForm, MeetingForm, NameForm
from mutualis.network.models import Meeting, Registration, SeatStatus
from mutualis.network.views.directory import kept_organisations
from mutualis.territory.access import requires

AUDIENCE = ("audience_sectors", "audience_organisations", "audience_profiles")


@requires("network.view_directory")
def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = Meeting.objects.visible_to(request.user).filter(territory=request.territory).with_list_data()
    return render(request, "network/meeting_list.html", {"body_form": NameForm(), **paginated(request, meetings)})


@requires("network.manage")
@post_only
def body_create(request: HttpRequest) -> HttpResponse:
    form = NameForm(request.POST)
    if form.is_valid():
        run_and_tell(request, lambda: services.body_create(territory=request.territory, name=form.cleaned_data["name"],
                                                           by=request.user), _("L'instance est créée."))  # fmt: skip
    return redirect("network:meeting_list")


@requires("network.manage")
def meeting_create(request: HttpRequest) -> HttpResponse:
    form = MeetingForm(request.POST or None, territory=request.territory)
    if request.method == "POST" and form.is_valid():
        meeting = form.save(commit=False)
        meeting.territory = request.territory
        try:
            services.meeting_save(meeting=meeting, audience={f: form.cleaned_data[f] for f in AUDIENCE},
                                  by=request.user)  # fmt: skip
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("La réunion est programmée."))
            return redirect("network:meeting_detail", pk=meeting.pk)
    context = {"form": form, "title": _("Programmer une réunion du réseau"), "submit": _("Programmer")}
    return render(request, "network/form.html", context, status=400 if form.errors else 200)


@requires("network.view_meeting", model=Meeting)
def meeting_detail(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    registrations = meeting.seats_taken.active().select_related("profile__organisation").order_by("status", "pk")
    invited = meeting.invitees().filter(organisation__in=kept_organisations(request))
    context = {
        "meeting": meeting,
        "registrations": registrations,
        "form": AgentChoiceForm(profiles=invited.exclude(pk__in=[r.profile_id for r in registrations])),
        "files_form": MeetingFilesForm(),
    }
    return render(request, "network/meeting_detail.html", context)


@requires("network.register_to_meeting", model=Meeting)
@post_only
def meeting_register(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    form = AgentChoiceForm(request.POST, profiles=meeting.invitees())
    if form.is_valid():
        try:
            registration = services.meeting_register(meeting=meeting, profile=form.cleaned_data["profile"],
                                                     by=request.user)  # fmt: skip
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            waiting = registration.status == SeatStatus.WAITING
            messages.success(request, _("Sur la liste d'attente.") if waiting else _("Inscription enregistrée."))
    else:
        messages.error(request, _("Choisissez une personne invitée."))
    return redirect("network:meeting_detail", pk=meeting.pk)


@requires("network.cancel_seat", model=Registration)
@post_only
def registration_cancel(request: HttpRequest, registration: Registration) -> HttpResponse:
    run_and_tell(request, lambda: services.registration_cancel(registration=registration, by=request.user),
                 _("L'inscription est annulée."))  # fmt: skip
    return redirect("network:meeting_detail", pk=registration.meeting_id)


@requires("network.run_meeting", model=Meeting)
def meeting_attendance(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    registrations = meeting.seats_taken.registered().select_related("profile__organisation")
    if request.method == "POST":
        present = [int(pk) for pk in request.POST.getlist("present") if pk.isdigit()]
        if run_and_tell(request, lambda: services.meeting_attendance_record(meeting=meeting, present=present,
                                                                            by=request.user),
                        _("Les présences sont enregistrées.")):  # fmt: skip
            return redirect("network:meeting_detail", pk=meeting.pk)
    return render(request, "network/attendance.html", {"object": meeting, "rows": registrations})


@requires("network.run_meeting", model=Meeting)
@post_only
def meeting_files(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    form = MeetingFilesForm(request.POST, request.FILES)
    if form.is_valid():
        run_and_tell(request, lambda: services.meeting_files_attach(meeting=meeting, by=request.user,
                                                                    **form.cleaned_data),
                     _("Les documents sont joints à la réunion."))  # fmt: skip
    return redirect("network:meeting_detail", pk=meeting.pk)
