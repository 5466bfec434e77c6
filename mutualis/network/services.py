"""Writes of the agents' network: the directory, meetings, news and documents, and training.

Seats (at a meeting or a training session) are given under the parent row's lock: two
secretaries registering at the same moment are served one after the other, so the seats hold and
the next ones wait; a seat freed goes at once to the first person waiting.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from mutualis.accounts.models import User
from mutualis.billing.services import charge_post
from mutualis.core.money import split_by
from mutualis.network.models import (
    Body,
    Census,
    CensusAnswer,
    CensusStatus,
    Certificate,
    Document,
    DocumentVersion,
    Enrolment,
    Folder,
    Meeting,
    MeetingStatus,
    News,
    NewsRead,
    NewsStatus,
    PlannedTraining,
    Profile,
    Registration,
    SeatStatus,
    SessionStatus,
    Sharing,
    TrainingNeed,
    TrainingPlan,
    TrainingSession,
    TrainingTheme,
)
from mutualis.notifications.people import coordinators_of, managers_of, staff_of
from mutualis.notifications.services import notify
from mutualis.territory.models import Membership, OrganisationKind, Role, Service, Territory
from mutualis.territory.services import member_invite

# The CNFPT catalogue's domains, the census's first themes (the territory edits the list).
CNFPT_DOMAINS = [
    "Affaires juridiques",
    "Citoyenneté, population, affaires administratives et vie associative",
    "Culture, archives et documentation",
    "Développement territorial",
    "Enfance, éducation, jeunesse",
    "Environnement, propreté et déchets",
    "Finances et gestion financière",
    "Génie technique (voirie, bâtiments, espaces verts)",
    "Hygiène, santé et sécurité au travail",
    "Management",
    "Ressources humaines",
    "Restauration collective",
    "Systèmes d'information et TIC",
    "Urbanisme et aménagement",
]
REMINDER_DAYS = 90  # a certificate's recycling is recalled this long before it lapses


def _save(row: models.Model, by: User | None, **changes) -> models.Model:
    for field, value in changes.items():
        setattr(row, field, value)
    row._history_user = by
    row.save()
    return row


def _day(value: date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _managers(territory_id: int):
    managers = managers_of(territory_id, Service.NETWORK)
    return managers if managers.exists() else coordinators_of(territory_id)


def _keeps(by: User, organisation) -> None:
    """Only the organisation's mayor or secretaries, or the coordination, act for its agents."""
    if not by.has_perm("network.keep_agents", organisation):
        raise ValidationError(_("Vous agissez pour les agents d'une organisation dont vous êtes maire ou secrétaire."))


# ---------------------------------------------------------------- directory


@transaction.atomic
def profile_save(*, profile: Profile, by: User) -> Profile:
    """Create or change an agent's entry; the photo needs the date the agent consented."""
    _keeps(by, profile.organisation)
    if profile.pk and Profile.objects.filter(pk=profile.pk, archived_at__isnull=False).exists():
        raise ValidationError(_("Cet agent est archivé : sa fiche ne change plus."))
    if profile.photo and not profile.photo_consent_on:
        raise ValidationError({"photo_consent_on": _("Une photo n'est publiée qu'avec le consentement de l'agent.")})
    profile.territory_id = profile.organisation.territory_id
    profile.full_clean()
    return _save(profile, by)


@transaction.atomic
def photo_consent_withdraw(*, profile: Profile, by: User) -> Profile:
    """The agent withdraws consent: the file is erased from storage, not just unlinked."""
    profile = Profile.objects.select_for_update().get(pk=profile.pk)
    if profile.photo:
        storage, name = profile.photo.storage, profile.photo.name
        transaction.on_commit(lambda: storage.delete(name))
    return _save(profile, by, photo="", photo_consent_on=None)


@transaction.atomic
def profile_archive(*, profile: Profile, by: User) -> Profile:
    """The agent left: the entry leaves the directory (kept for the trainings' history), photo erased."""
    if profile.archived_at is not None:
        raise ValidationError(_("Cet agent est déjà archivé."))
    photo_consent_withdraw(profile=profile, by=by)
    profile.refresh_from_db()
    return _save(profile, by, archived_at=timezone.now())


@transaction.atomic
def profile_invite(*, profile: Profile, by: User) -> Profile:
    """Offer the agent an account (an agent's role in their organisation) through the territory's invitation.

    An email that already names an account is linked to the entry at once: the link only shows the
    person their own entry and grants nothing, while the role waits for their consent through the
    territory's invitation link (not sent when they already belong to the organisation).
    """
    _keeps(by, profile.organisation)
    if profile.user_id is not None:
        raise ValidationError(_("Cet agent a déjà un compte."))
    if not profile.email:
        raise ValidationError({"email": _("Indiquez le courriel de l'agent pour l'inviter.")})
    account = User.objects.filter(email=profile.email.strip().lower()).first()
    if account is not None:
        if Profile.objects.filter(territory=profile.territory_id, user=account).exists():
            raise ValidationError(_("Ce compte est déjà lié à une autre fiche de l'annuaire."))
        _save(profile, by, user=account)
        if Membership.objects.active().filter(user=account, organisation=profile.organisation_id).exists():
            return profile
    membership = member_invite(
        organisation=profile.organisation,
        email=profile.email,
        first_name=profile.first_name,
        last_name=profile.last_name,
        role=Role.AGENT,
        job_title=profile.job_title,
        invited_by=by,
    )
    if membership is not None:  # a new account, the agent's from now on
        _save(profile, by, user=membership.user)
    return profile


# ---------------------------------------------------------------- seats


def _seat_status(taken: models.QuerySet, seats: int | None) -> str:
    """Registered while seats remain (the caller holds the parent's lock), else waiting."""
    if seats is None or taken.registered().count() < seats:
        return SeatStatus.REGISTERED
    return SeatStatus.WAITING


def _free_seat(row: Registration | Enrolment, taken: models.QuerySet, by: User) -> Registration | Enrolment | None:
    """Cancel a seat; the first person waiting takes the seat it frees. Returns who was promoted."""
    if row.status == SeatStatus.CANCELLED:
        raise ValidationError(_("Cette inscription est déjà annulée."))
    freed = row.status == SeatStatus.REGISTERED
    _save(row, by, status=SeatStatus.CANCELLED)
    if not freed:
        return None
    waiting = taken.filter(status=SeatStatus.WAITING).order_by("created_at", "pk").first()
    return _save(waiting, by, status=SeatStatus.REGISTERED) if waiting else None


def _check_agent(profile: Profile, territory_id: int, by: User) -> None:
    if profile.territory_id != territory_id or profile.archived_at is not None:
        raise ValidationError({"profile": _("Cet agent n'est pas dans l'annuaire du territoire.")})
    _keeps(by, profile.organisation)


# ---------------------------------------------------------------- meetings


@transaction.atomic
def body_create(*, territory: Territory, name: str, by: User) -> Body:
    name = name.strip()
    if Body.objects.filter(territory=territory, name__iexact=name).exists():
        raise ValidationError({"name": _("Cette instance existe déjà.")})
    return _save(Body(territory=territory, name=name), by)


@transaction.atomic
def meeting_save(*, meeting: Meeting, audience: Mapping[str, Iterable] | None = None, by: User) -> Meeting:
    """Create or change a meeting and its audience (`audience_sectors`, `_organisations`, `_profiles`)."""
    if meeting.body.territory_id != meeting.territory_id:
        raise ValidationError({"body": _("Cette instance appartient à un autre territoire.")})
    if not meeting.pk:
        meeting.created_by = by
    meeting.full_clean()
    _save(meeting, by)
    for field, rows in (audience or {}).items():
        getattr(meeting, field).set(rows)
    return meeting


def _locked_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update(of=("self",)).get(pk=meeting.pk)


@transaction.atomic
def meeting_register(*, meeting: Meeting, profile: Profile, by: User) -> Registration:
    """Register an invited agent; beyond the seats, on the waiting list."""
    meeting = _locked_meeting(meeting)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("Les inscriptions à cette réunion sont closes."))
    _check_agent(profile, meeting.territory_id, by)
    if not meeting.invitees().filter(pk=profile.pk).exists():
        raise ValidationError({"profile": _("Cet agent n'est pas invité à cette réunion.")})
    if meeting.seats_taken.active().filter(profile=profile).exists():
        raise ValidationError({"profile": _("Cet agent est déjà inscrit.")})
    status = _seat_status(meeting.seats_taken, meeting.seats)
    return _save(Registration(meeting=meeting, profile=profile, registered_by=by, status=status), by)


@transaction.atomic
def registration_cancel(*, registration: Registration, by: User) -> Registration:
    meeting = _locked_meeting(registration.meeting)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("Cette réunion a eu lieu ou n'a plus lieu."))
    registration = Registration.objects.get(pk=registration.pk)
    _free_seat(registration, meeting.seats_taken, by)
    return registration


@transaction.atomic
def meeting_attendance_record(*, meeting: Meeting, present: Iterable[int], by: User) -> Meeting:
    """Who came, among the registered; the meeting is then held."""
    meeting = _locked_meeting(meeting)
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("Cette réunion a été annulée."))
    present = set(present)
    for registration in meeting.seats_taken.registered():
        _save(registration, by, attended=registration.pk in present)
    return _save(meeting, by, status=MeetingStatus.HELD)


@transaction.atomic
def meeting_files_attach(
    *, meeting: Meeting, minutes: UploadedFile | None = None, slides: UploadedFile | None = None, by: User
) -> Meeting:
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(_("Le compte rendu et le diaporama se joignent une fois la réunion tenue."))
    changes = {name: upload for name, upload in (("minutes", minutes), ("slides", slides)) if upload}
    if not changes:
        raise ValidationError(_("Joignez un compte rendu ou un diaporama."))
    return _save(meeting, by, **changes)


# ---------------------------------------------------------------- news and documents


def _tell_news(event: str, news: News, recipients, by: User | None) -> None:
    context = {"title": news.title, "organisation": news.organisation.name}
    url = reverse("network:news_detail", args=[news.pk])
    notify(event, recipients=recipients, context=context, url=url, territory=news.territory_id, exclude=by)


@transaction.atomic
def news_post(*, news: News, by: User) -> News:
    """The agglomeration's news is published at once; a commune's waits for the coordination's moderation."""
    if news.audience != "sector":
        news.sector = None
    news.territory_id = news.organisation.territory_id
    news.created_by = by
    if by.has_perm("network.manage", news.territory):
        news.status, news.published_at = NewsStatus.PUBLISHED, timezone.now()
    else:
        _keeps(by, news.organisation)
        news.status = NewsStatus.PENDING
    news.full_clean()
    _save(news, by)
    if news.status == NewsStatus.PENDING:
        _tell_news("network.news_to_moderate", news, _managers(news.territory_id), by)
    return news


@transaction.atomic
def news_moderate(*, news: News, accept: bool, by: User) -> News:
    news = News.objects.select_for_update().get(pk=news.pk)
    if news.status != NewsStatus.PENDING:
        raise ValidationError(_("Cette actualité a déjà été modérée."))
    if accept:
        _save(news, by, status=NewsStatus.PUBLISHED, published_at=timezone.now())
    else:
        _save(news, by, status=NewsStatus.REJECTED)
    _tell_news("network.news_moderated", news, [news.created_by], by)
    return news


def news_mark_read(*, news: News, user: User) -> None:
    NewsRead.objects.get_or_create(news=news, user=user)


@transaction.atomic
def folder_create(*, territory: Territory, name: str, by: User) -> Folder:
    name = name.strip()
    if Folder.objects.filter(territory=territory, name__iexact=name).exists():
        raise ValidationError({"name": _("Ce dossier existe déjà.")})
    return _save(Folder(territory=territory, name=name), by)


@transaction.atomic
def document_add(*, document: Document, upload: UploadedFile, by: User) -> Document:
    """A new document with its first version."""
    if document.audience != "sector":
        document.sector = None
    document.territory_id = document.folder.territory_id
    document.full_clean()
    _save(document, by)
    document.latest = version_add(document=document, upload=upload, note="", by=by)
    return document


@transaction.atomic
def version_add(*, document: Document, upload: UploadedFile, note: str, by: User) -> DocumentVersion:
    """A new version becomes the one offered; the earlier ones stay listed."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    number = (document.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = DocumentVersion(document=document, number=number, file=upload, name=upload.name, note=note.strip(),
                              uploaded_by=by)  # fmt: skip
    version.full_clean()
    _save(version, by)
    _save(document, by, latest=version)
    return version


# ---------------------------------------------------------------- census of training needs


@transaction.atomic
def themes_seed(*, territory: Territory) -> None:
    """The CNFPT catalogue's domains, for a territory that has no theme yet."""
    if not TrainingTheme.objects.filter(territory=territory).exists():
        TrainingTheme.objects.bulk_create(TrainingTheme(territory=territory, name=name) for name in CNFPT_DOMAINS)


@transaction.atomic
def theme_create(*, territory: Territory, name: str, by: User) -> TrainingTheme:
    name = name.strip()
    if TrainingTheme.objects.filter(territory=territory, name__iexact=name).exists():
        raise ValidationError({"name": _("Ce thème existe déjà.")})
    return _save(TrainingTheme(territory=territory, name=name), by)


@transaction.atomic
def census_open(*, territory: Territory, year: int, closes_on: date | None, by: User) -> Census:
    if Census.objects.filter(territory=territory, year=year).exists():
        raise ValidationError({"year": _("Le recensement de cette année existe déjà.")})
    themes_seed(territory=territory)
    census = Census(territory=territory, year=year, closes_on=closes_on)
    census.full_clean()
    return _save(census, by)


@transaction.atomic
def census_answer(
    *,
    census: Census,
    organisation,
    answers: Mapping[TrainingTheme, tuple[int, str]],
    no_need: bool = False,
    by: User,
) -> int:
    """The organisation's needs this year, theme by theme, or explicitly none (`no_need`); replaces its
    earlier answer, so that needs entered after a "no need" undo it. Returns the number of agents."""
    census = Census.objects.select_for_update().get(pk=census.pk)
    if census.status != CensusStatus.OPEN:
        raise ValidationError(_("Ce recensement est clos."))
    if organisation.territory_id != census.territory_id:
        raise ValidationError(_("Cette organisation n'est pas du territoire."))
    _keeps(by, organisation)
    if any(theme.territory_id != census.territory_id for theme in answers):
        raise ValidationError(_("Thème inconnu."))
    needs = {theme: (agents, comment) for theme, (agents, comment) in answers.items() if agents}
    if no_need and needs:
        raise ValidationError(_("Vous indiquez des besoins : retirez-les ou ne répondez pas « aucun besoin »."))
    if not no_need and not needs:
        raise ValidationError(_("Indiquez au moins un besoin, ou répondez « aucun besoin cette année »."))
    census.needs.filter(organisation=organisation).delete()
    for theme, (agents, comment) in needs.items():
        TrainingNeed.objects.create(census=census, territory_id=census.territory_id, organisation=organisation,
                                    theme=theme, agents=agents, comment=comment.strip(), answered_by=by)  # fmt: skip
    answer = CensusAnswer.objects.filter(census=census, organisation=organisation).first()
    answer = answer or CensusAnswer(census=census, territory_id=census.territory_id, organisation=organisation)
    _save(answer, by, no_need=no_need, answered_by=by, answered_at=timezone.now())
    return sum(agents for agents, _comment in needs.values())


@transaction.atomic
def census_close(*, census: Census, by: User) -> Census:
    if census.status != CensusStatus.OPEN:
        raise ValidationError(_("Ce recensement est déjà clos."))
    return _save(census, by, status=CensusStatus.CLOSED)


# ---------------------------------------------------------------- plan and sessions


@transaction.atomic
def plan_save(*, plan: TrainingPlan, by: User) -> TrainingPlan:
    if not plan.pk:
        plan.created_by = by
    plan.full_clean()
    return _save(plan, by)


@transaction.atomic
def planned_training_save(*, training: PlannedTraining, by: User) -> PlannedTraining:
    plan = training.plan
    if not plan.first_year <= training.year <= plan.last_year:
        raise ValidationError({"year": _("L'année est hors de la période du plan (%(first)s–%(last)s).")
                               % {"first": plan.first_year, "last": plan.last_year}})  # fmt: skip
    if training.theme.territory_id != plan.territory_id:
        raise ValidationError({"theme": _("Thème inconnu.")})
    training.full_clean()
    return _save(training, by)


@transaction.atomic
def session_save(*, session: TrainingSession, by: User) -> TrainingSession:
    if not session.pk:
        session.created_by = by
        session.territory_id = session.planned.plan.territory_id
    elif TrainingSession.objects.filter(pk=session.pk).exclude(status=SessionStatus.PLANNED).exists():
        raise ValidationError(_("Une session tenue ou annulée ne change plus."))
    session.full_clean()
    return _save(session, by)


def _locked_session(session: TrainingSession) -> TrainingSession:
    return TrainingSession.objects.select_for_update(of=("self",)).select_related("planned").get(pk=session.pk)


@transaction.atomic
def enrol(*, session: TrainingSession, profile: Profile, by: User) -> Enrolment:
    """Register an agent; beyond the seats, on the waiting list (concurrent calls are served in turn)."""
    session = _locked_session(session)
    if session.status != SessionStatus.PLANNED:
        raise ValidationError(_("Les inscriptions à cette session sont closes."))
    _check_agent(profile, session.territory_id, by)
    if session.seats_taken.active().filter(profile=profile).exists():
        raise ValidationError({"profile": _("Cet agent est déjà inscrit à cette session.")})
    status = _seat_status(session.seats_taken, session.seats)
    return _save(Enrolment(session=session, profile=profile, registered_by=by, status=status), by)


@transaction.atomic
def enrolment_cancel(*, enrolment: Enrolment, by: User) -> Enrolment:
    session = _locked_session(enrolment.session)
    if session.status != SessionStatus.PLANNED:
        raise ValidationError(_("Cette session a eu lieu ou n'a plus lieu."))
    enrolment = Enrolment.objects.select_related("profile__organisation").get(pk=enrolment.pk)
    promoted = _free_seat(enrolment, session.seats_taken, by)
    if promoted is not None:
        promoted = Enrolment.objects.select_related("profile").get(pk=promoted.pk)
        notify(
            "network.seat_freed",
            recipients=staff_of(promoted.profile.organisation_id),
            context={"agent": promoted.profile.full_name, "title": session.planned.title,
                     "day": _day(session.starts_on)},
            url=reverse("network:session_detail", args=[session.pk]),
            territory=session.territory_id,
            exclude=by,
        )  # fmt: skip
    return enrolment


@transaction.atomic
def session_attendance_record(*, session: TrainingSession, present: Iterable[int], by: User) -> TrainingSession:
    """Who attended, among the registered; the session is held, and the plan's certificate is issued to them."""
    session = _locked_session(session)
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError(_("Cette session a été annulée."))
    present = set(present)
    for enrolment in session.seats_taken.registered().select_related("profile"):
        _save(enrolment, by, attended=enrolment.pk in present)
        if enrolment.attended and session.planned.certificate_kind:
            certificate_issue(profile=enrolment.profile, kind=session.planned.certificate_kind,
                              issued_on=session.ends_on, session=session, by=by)  # fmt: skip
    return _save(session, by, status=SessionStatus.HELD)


@transaction.atomic
def session_cancel(*, session: TrainingSession, by: User) -> TrainingSession:
    session = _locked_session(session)
    if session.status != SessionStatus.PLANNED:
        raise ValidationError(_("Seule une session programmée peut être annulée."))
    return _save(session, by, status=SessionStatus.CANCELLED)


def cost_shares(session: TrainingSession) -> dict:
    """Each organisation's part of the session's cost, as its planned training says (the EPCI pays none)."""
    attendees = Counter(
        session.seats_taken.filter(attended=True)
        .exclude(profile__organisation__kind=OrganisationKind.EPCI)
        .values_list("profile__organisation", flat=True)
    )
    sharing = session.planned.sharing
    if sharing == Sharing.NONE or not attendees or not session.cost:
        return {}
    weights = dict(attendees) if sharing == Sharing.BY_ATTENDEE else dict.fromkeys(attendees, 1)
    return split_by(session.cost, dict(sorted(weights.items())))


@transaction.atomic
def session_charge(*, session: TrainingSession, by: User) -> int:
    """Post each organisation's part of a held session's cost as a charge; once only."""
    session = _locked_session(session)
    if session.status != SessionStatus.HELD or session.charged_on is not None:
        raise ValidationError(_("Seule une session tenue, pas encore refacturée, se refacture."))
    organisations = {o.pk: o for o in session.territory.organisations.all()}
    shares = cost_shares(session)
    for organisation_id, amount in shares.items():
        organisation = organisations[organisation_id]
        label = _("Formation « %(title)s » du %(day)s – %(organisation)s") % {
            "title": session.planned.title,
            "day": _day(session.starts_on),
            "organisation": organisation.name,
        }
        charge_post(organisation=organisation, service=Service.NETWORK, label=label, quantity=Decimal("1"),
                    unit_price=amount, amount=amount, date=session.ends_on, source=session, created_by=by)  # fmt: skip
    _save(session, by, charged_on=timezone.localdate())
    return len(shares)


# ---------------------------------------------------------------- certificates


@transaction.atomic
def certificate_issue(
    *, profile: Profile, kind: str, issued_on: date, session: TrainingSession | None = None, by: User | None
) -> Certificate:
    existing = Certificate.objects.filter(profile=profile, kind=kind, issued_on=issued_on).first()
    if existing is not None:
        return existing
    certificate = Certificate(territory_id=profile.territory_id, organisation_id=profile.organisation_id,
                              profile=profile, kind=kind, session=session, issued_on=issued_on,
                              valid_until=Certificate.validity_end(kind, issued_on))  # fmt: skip
    certificate.full_clean()
    return _save(certificate, by)


@transaction.atomic
def recycling_reminders_send(*, today: date | None = None) -> int:
    """Tell the commune, once, that an agent's certificate lapses within REMINDER_DAYS (a night the job
    did not run is caught up the next). Only the latest certificate of each agent and kind counts."""
    today = today or timezone.localdate()
    due = (
        Certificate.objects.filter(
            reminded_on__isnull=True,
            valid_until__gt=today,
            valid_until__lte=today + timedelta(days=REMINDER_DAYS),
            profile__archived_at__isnull=True,
        )
        .select_related("profile")
        .order_by("pk")
    )
    reminded = 0
    for certificate in due:
        renewed = Certificate.objects.filter(
            profile=certificate.profile_id, kind=certificate.kind, issued_on__gt=certificate.issued_on
        ).exists()
        if not renewed:
            notify(
                "network.recycling_reminder",
                recipients=staff_of(certificate.organisation_id),
                context={"agent": certificate.profile.full_name, "certificate": certificate.get_kind_display(),
                         "day": _day(certificate.valid_until)},
                url=reverse("network:certificate_list"),
                territory=certificate.territory_id,
            )  # fmt: skip
            reminded += 1
        _save(certificate, None, reminded_on=today)
    return reminded
