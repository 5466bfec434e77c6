"""The staff's pages: the workshops to come and past, a series and its dates, a workshop's page
(registrations, phone registration, attendance, publish and cancel) and the territory's data
policy."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from mutualis.core.forms import add_service_error, post_only, run_and_tell
from mutualis.core.lists import paginated
from mutualis.territory.access import requires
from mutualis.workshops import services
from mutualis.workshops.forms import (
    AttendanceForm,
    CancelForm,
    PhoneRegistrationForm,
    PolicyForm,
    SeriesForm,
    SessionForm,
)
from mutualis.workshops.models import Policy, Registration, RegistrationStatus, Series, Session, Status


@requires("workshops.view_sessions")
def session_list(request: HttpRequest) -> HttpResponse:
    sessions = Session.objects.visible_to(request.user).filter(series__territory=request.territory)
    if not request.user.has_perm("workshops.manage", request.territory):
        sessions = sessions.filter(series__organisation=request.membership.organisation_id)
    past = request.GET.get("passes") == "1"
    sessions = sessions.with_list_data()
    sessions = sessions.filter(starts_at__lt=timezone.now()).reverse() if past else sessions.filter(
        starts_at__gte=timezone.now())  # fmt: skip
    status = request.GET.get("etat", "")
    if status in Status.values:
        sessions = sessions.filter(status=status)
    context = {"past": past, "status": Status(status).label if status in Status.values else "",
               **paginated(request, sessions)}  # fmt: skip
    return render(request, "workshops/session_list.html", context)


@requires("workshops.manage")
def series_create(request: HttpRequest) -> HttpResponse:
    form = SeriesForm(request.POST or None, territory=request.territory)
    if request.method == "POST" and form.is_valid():
        try:
            series = services.series_save(series=form.instance, by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Le cycle d'ateliers est créé : ajoutez ses dates."))
            return redirect("workshops:series_detail", pk=series.pk)
    return render(request, "workshops/series_form.html", {"form": form})


@requires("workshops.change_series", model=Series)
def series_detail(request: HttpRequest, series: Series) -> HttpResponse:
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        starts_at, ends_at = form.moments()
        try:
            services.session_add(series=series, starts_at=starts_at, ends_at=ends_at,
                                 seats=form.cleaned_data["seats"], by=request.user)  # fmt: skip
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("La date est ajoutée, en préparation : publiez-la quand elle est prête."))
            return redirect("workshops:series_detail", pk=series.pk)
    sessions = series.sessions.with_list_data()
    return render(request, "workshops/series_detail.html", {"series": series, "sessions": sessions, "form": form})


def _session_context(request: HttpRequest, session: Session, **forms) -> dict:
    registrations = session.registrations.select_related("participant").order_by("status", "created_at", "pk")
    visited = set(session.visits.values_list("participant_id", flat=True))
    return {
        "session": session,
        "registrations": registrations,
        "visited": visited,
        "visits": session.visits.select_related("participant"),
        "statuses": RegistrationStatus,
        "phone_form": forms.get("phone_form") or PhoneRegistrationForm(),
        "attendance_form": forms.get("attendance_form") or AttendanceForm(session=session),
        "cancel_form": forms.get("cancel_form") or CancelForm(),
    }


@requires("workshops.view_session", model=Session)
def session_detail(request: HttpRequest, session: Session) -> HttpResponse:
    return render(request, "workshops/session_detail.html", _session_context(request, session))


@requires("workshops.publish", model=Session)
@post_only
def session_publish(request: HttpRequest, session: Session) -> HttpResponse:
    run_and_tell(request, lambda: services.session_publish(session=session, by=request.user),
                 _("L'atelier est publié sur la page publique."))  # fmt: skip
    return redirect("workshops:session_detail", pk=session.pk)


@requires("workshops.cancel", model=Session)
@post_only
def session_cancel(request: HttpRequest, session: Session) -> HttpResponse:
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            services.session_cancel(session=session, reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("L'atelier est annulé ; les personnes inscrites avec une adresse sont prévenues.")
            )
            return redirect("workshops:session_detail", pk=session.pk)
    return render(request, "workshops/session_detail.html", _session_context(request, session, cancel_form=form))


@requires("workshops.register", model=Session)
@post_only
def phone_register(request: HttpRequest, session: Session) -> HttpResponse:
    form = PhoneRegistrationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.registration_create(session=session, name=data["name"], phone=data["phone"],
                                                        email=data["email"], by=request.user)  # fmt: skip
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s est %(status)s.")
                % {"name": registration.participant.name, "status": registration.get_status_display().lower()},
            )
            return redirect("workshops:session_detail", pk=session.pk)
    return render(request, "workshops/session_detail.html", _session_context(request, session, phone_form=form))


@requires("workshops.cancel_registration", model=Registration)
@post_only
def registration_cancel(request: HttpRequest, registration: Registration) -> HttpResponse:
    run_and_tell(request, lambda: services.registration_cancel(registration=registration, by=request.user),
                 _("L'inscription est annulée ; la première personne en attente prend la place."))  # fmt: skip
    return redirect("workshops:session_detail", pk=registration.session_id)


@requires("workshops.record_attendance", model=Session)
@post_only
def attendance_record(request: HttpRequest, session: Session) -> HttpResponse:
    form = AttendanceForm(request.POST, session=session)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.visit_record(session=session, by=request.user, registration=data["registration"],
                                  name=data["name"], gender=data["gender"], age=data["age"],
                                  sector=data["sector"])  # fmt: skip
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("La présence est enregistrée."))
            return redirect("workshops:session_detail", pk=session.pk)
    return render(request, "workshops/session_detail.html", _session_context(request, session, attendance_form=form))


@requires("workshops.manage")
def policy_edit(request: HttpRequest) -> HttpResponse:
    form = PolicyForm(request.POST or None, instance=Policy.of(request.territory))
    if request.method == "POST" and form.is_valid():
        policy = form.save(commit=False)
        policy._history_user = request.user
        policy.save()
        messages.success(request, _("Les règles de conservation et de publication sont enregistrées."))
        return redirect("workshops:statistics")
    return render(request, "workshops/policy_form.html", {"form": form})
