"""Writes of the digital workshops: series and sessions planned, published and cancelled;
registrations (public or by phone) within the seats, with a waiting list; attendance; the
nightly reminders and the purge of inhabitants' personal data.

Seats hold under simultaneous registrations: `registration_create` and `registration_cancel`
lock the session's row before counting, so two registrations never take the same last seat.
Inhabitants have no account: they are told by email only, when they gave an address.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutualis.accounts.models import User
from mutualis.core.periods import add_months, within_days
from mutualis.notifications.people import coordinators_of, managers_of, staff_of
from mutualis.notifications.services import absolute, notify
from mutualis.territory.models import OrganisationKind, Sector, Service, Territory
from mutualis.workshops.models import (
    Participant,
    Policy,
    Registration,
    RegistrationStatus,
    RunBy,
    Series,
    Session,
    Status,
    Visit,
)

# ---------------------------------------------------------------- telling people

REGISTERED = gettext_lazy("Inscription confirmée : %(title)s, %(when)s")
WAITING = gettext_lazy("Liste d'attente : %(title)s, %(when)s")
PROMOTED = gettext_lazy("Une place s'est libérée : %(title)s, %(when)s")
REMINDER = gettext_lazy("Rappel : %(title)s, %(when)s")


def cancel_link(registration: Registration) -> str:
    return absolute(reverse("workshops:registration", kwargs={"token": registration.token}))


def when(session: Session) -> str:
    return formats.date_format(timezone.localtime(session.starts_at), "l j F Y à H\\hi")


def _send(messages: list[EmailMessage]) -> None:
    get_connection().send_messages(messages)


def _email_inhabitants(registrations: Iterable[Registration], subject: Promise, template: str) -> None:
    """Email each registration's person who gave an address, once the transaction commits."""
    messages = []
    with translation.override(settings.LANGUAGE_CODE):
        for registration in registrations:
            if not registration.participant.email:
                continue
            session = registration.session
            programme = reverse("workshops:programme", kwargs={"siren": session.series.territory.siren})
            context = {"registration": registration, "session": session, "series": session.series,
                       "when": when(session), "link": cancel_link(registration),
                       "programme": absolute(programme)}  # fmt: skip
            messages.append(
                EmailMessage(
                    subject=str(subject) % {"title": session.series.title, "when": when(session)},
                    body=render_to_string(f"workshops/emails/{template}.txt", context),
                    to=[registration.participant.email],
                )
            )
    if messages:
        transaction.on_commit(partial(_send, messages))


def _tell_staff(event: str, session: Session, by: User | None, **context) -> None:
    """The workshops' managers (else the coordination) and the host commune's staff."""
    territory_id = session.series.territory_id
    managers = managers_of(territory_id, Service.WORKSHOPS)
    recipients = [*(managers if managers.exists() else coordinators_of(territory_id)),
                  *staff_of(session.series.organisation_id)]  # fmt: skip
    context = {"title": session.series.title, "organisation": session.series.organisation.name,
               "when": when(session), **context}  # fmt: skip
    url = reverse("workshops:session_detail", args=[session.pk])
    notify(event, recipients=recipients, context=context, url=url, territory=territory_id, exclude=by)


def _save(row, by: User | None, **changes):
    for field, value in changes.items():
        setattr(row, field, value)
    row._history_user = by
    row.save()
    return row


# ---------------------------------------------------------------- planning


@transaction.atomic
def series_save(*, series: Series, by: User) -> Series:
    organisation = series.organisation
    if organisation.kind != OrganisationKind.COMMUNE:
        raise ValidationError({"organisation": _("Un atelier est accueilli par une commune.")})
    if series.run_by == RunBy.PROVIDER and not series.provider.strip():
        raise ValidationError({"provider": _("Indiquez l'organisme qui anime les ateliers.")})
    if series.run_by == RunBy.STAFF:
        series.provider, series.cost = "", None
    if not series.pk:
        series.territory_id = organisation.territory_id
        series.created_by = by
    elif series.territory_id != organisation.territory_id:
        raise ValidationError({"organisation": _("Cette commune n'est pas du territoire.")})
    series.full_clean()
    return _save(series, by)


@transaction.atomic
def session_add(*, series: Series, starts_at: datetime, ends_at: datetime, seats: int, by: User) -> Session:
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("Cette date est passée.")})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("La fin doit suivre le début.")})
    session = Session(series=series, starts_at=starts_at, ends_at=ends_at, seats=seats)
    session.full_clean()
    return _save(session, by)


def _locked(session: Session) -> Session:
    return (
        Session.objects.select_for_update(of=("self",))
        .select_related("series__organisation", "series__territory")
        .get(pk=session.pk)
    )


@transaction.atomic
def session_publish(*, session: Session, by: User) -> Session:
    session = _locked(session)
    if session.status != Status.PLANNED:
        raise ValidationError(_("Seul un atelier en préparation peut être publié."))
    if session.starts_at <= timezone.now():
        raise ValidationError(_("Cet atelier est passé : il ne peut plus être publié."))
    return _save(session, by, status=Status.PUBLISHED)


@transaction.atomic
def session_cancel(*, session: Session, reason: str, by: User) -> Session:
    """Cancel a workshop not held; every person registered or waiting is told by email."""
    session = _locked(session)
    if session.status not in (Status.PLANNED, Status.PUBLISHED):
        raise ValidationError(_("Un atelier tenu ou déjà annulé ne peut pas être annulé."))
    if not reason.strip():
        raise ValidationError({"reason": _("Indiquez le motif de l'annulation.")})
    _save(session, by, status=Status.CANCELLED, cancel_reason=reason.strip())
    told = session.registrations.active().select_related("participant", "session__series__territory")
    _email_inhabitants(told, "Atelier annulé : %(title)s, %(when)s", "cancelled")
    _tell_staff("workshops.session_cancelled", session, by, reason=session.cancel_reason)
    return session


# ---------------------------------------------------------------- registrations


def _participant(territory_id: int, name: str, phone: str, email: str) -> Participant:
    """The same person as before when the same name came with the same email (else phone); a
    couple sharing an address are two people. The territory's row is locked first, so the same
    person registering for two workshops at once is found, not created twice."""
    Territory.objects.select_for_update().get(pk=territory_id)
    known = Participant.objects.filter(territory_id=territory_id, purged_at__isnull=True, name__iexact=name)
    person = (known.filter(email__iexact=email) if email else known.filter(phone=phone)).order_by("pk").first()
    if person is None:
        return Participant.objects.create(territory_id=territory_id, name=name, phone=phone, email=email)
    return _save(person, None, **({"phone": phone} if phone else {}), **({"email": email} if email else {}))


def normalised_phone(phone: str) -> str:
    return "".join(c for c in phone if c.isdigit() or c == "+")


@transaction.atomic
def registration_create(
    *, session: Session, name: str, phone: str = "", email: str = "", by: User | None = None
) -> Registration:
    """Register a person (from the public page, or by the town hall: `by`); beyond the seats, on
    the waiting list. The person gets the confirmation with their cancel link by email."""
    session = _locked(session)
    if not session.is_open():
        raise ValidationError(_("Les inscriptions à cet atelier sont closes."))
    name, phone, email = name.strip(), normalised_phone(phone), email.strip().lower()
    if not name:
        raise ValidationError({"name": _("Indiquez votre nom.")})
    if not phone and not email:
        raise ValidationError(_("Indiquez un numéro de téléphone ou une adresse électronique pour être prévenu·e."))
    participant = _participant(session.series.territory_id, name, phone, email)
    if session.registrations.active().filter(participant=participant).exists():
        raise ValidationError(_("Une inscription à cet atelier existe déjà avec ces coordonnées."))
    taken = session.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    status = RegistrationStatus.REGISTERED if taken < session.seats else RegistrationStatus.WAITING
    registration = Registration(session=session, participant=participant, status=status,
                                token=secrets.token_urlsafe(32), registered_by=by)  # fmt: skip
    _save(registration, by)
    _email_inhabitants([registration], REGISTERED if status == RegistrationStatus.REGISTERED else WAITING, "registered")
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, by: User | None = None) -> Registration:
    """Cancel a registration; a seat freed goes to the first person waiting, who is told."""
    session = _locked(registration.session)
    registration = Registration.objects.select_related("participant").get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("Cette inscription est déjà annulée."))
    if session.status != Status.PUBLISHED or session.starts_at <= timezone.now():
        raise ValidationError(_("Cet atelier a commencé ou n'a plus lieu : l'inscription ne peut plus être annulée."))
    freed = registration.status == RegistrationStatus.REGISTERED
    _save(registration, by, status=RegistrationStatus.CANCELLED, cancelled_at=timezone.now())
    if freed:
        waiting = (
            session.registrations.filter(status=RegistrationStatus.WAITING)
            .select_related("participant", "session__series__territory")
            .order_by("created_at", "pk")
            .first()
        )
        if waiting is not None:
            _save(waiting, by, status=RegistrationStatus.REGISTERED)
            _email_inhabitants([waiting], PROMOTED, "promoted")
    return registration


# ---------------------------------------------------------------- attendance


@transaction.atomic
def visit_record(
    *,
    session: Session,
    by: User,
    registration: Registration | None = None,
    name: str = "",
    gender: str = "",
    age: int | None = None,
    sector: Sector | None = None,
) -> Visit:
    """Record that a person came: one registered (`registration`) or a walk-in (`name`). Gender,
    age and sector are kept for statistics only. The first visit marks the workshop held."""
    session = _locked(session)
    if session.status not in (Status.PUBLISHED, Status.HELD):
        raise ValidationError(_("Seul un atelier publié peut recevoir des présences."))
    if session.starts_at > timezone.now():
        raise ValidationError(_("L'atelier n'a pas encore commencé."))
    if sector is not None and sector.territory_id != session.series.territory_id:
        raise ValidationError({"sector": _("Ce secteur n'est pas du territoire.")})
    if registration is not None:
        if registration.session_id != session.pk or registration.status == RegistrationStatus.CANCELLED:
            raise ValidationError(_("Cette personne n'est pas inscrite à cet atelier."))
        participant = registration.participant
    elif name.strip():
        participant = Participant.objects.create(territory_id=session.series.territory_id, name=name.strip())
    else:
        raise ValidationError({"name": _("Indiquez le nom de la personne venue sans inscription.")})
    if session.visits.filter(participant=participant).exists():
        raise ValidationError(_("La présence de cette personne est déjà enregistrée."))
    statistics = {"gender": gender, "age": age, "sector": sector}
    _save(participant, by, **{field: value for field, value in statistics.items() if value not in ("", None)})
    visit = _save(Visit(session=session, participant=participant, walk_in=registration is None, recorded_by=by), by)
    if session.status == Status.PUBLISHED:
        _save(session, by, status=Status.HELD)
    return visit


# ---------------------------------------------------------------- nightly


def reminders_send(*, now: datetime | None = None) -> int:
    """Remind by email, the day before, each person registered who gave an address."""
    tomorrow = timezone.localdate(now or timezone.now()) + timedelta(days=1)
    due = list(
        Registration.objects.filter(
            status=RegistrationStatus.REGISTERED,
            reminded_at__isnull=True,
            session__status=Status.PUBLISHED,
            **within_days("session__starts_at", tomorrow, tomorrow + timedelta(days=1)),
        )
        .exclude(participant__email="")
        .select_related("participant", "session__series__organisation", "session__series__territory")
    )
    with transaction.atomic():
        _email_inhabitants(due, REMINDER, "reminder")
        Registration.objects.filter(pk__in=[r.pk for r in due]).update(reminded_at=now or timezone.now())
    return len(due)


def purge_due(territory: Territory, now: datetime) -> list[int]:
    """Participants whose last workshop ended more than the retention period ago."""
    months = Policy.of(territory).retention_months
    rows = (
        Participant.objects.filter(territory=territory, purged_at__isnull=True)
        .annotate(registered=Max("registrations__session__ends_at"), came=Max("visits__session__ends_at"))
        .values_list("pk", "registered", "came", "created_at")
    )
    today = timezone.localdate(now)
    due = []
    for pk, registered, came, created_at in rows:
        last = max(day for day in (registered, came, created_at) if day is not None)
        if add_months(timezone.localdate(last), months) <= today:
            due.append(pk)
    return due


@transaction.atomic
def participants_purge(*, now: datetime | None = None) -> int:
    """Erase the names and contacts kept past each territory's retention period; gender, age and
    sector stay for the statistics. Returns the number of people erased."""
    now = now or timezone.now()
    due = [pk for territory in Territory.objects.all() for pk in purge_due(territory, now)]
    return Participant.objects.filter(pk__in=due).update(name="", phone="", email="", purged_at=now)
