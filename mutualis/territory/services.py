"""Writes on organisations, sectors and memberships."""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from mutualis.accounts.models import User
from mutualis.territory.models import (
    Body,
    ClosedDay,
    Decision,
    Membership,
    Organisation,
    Role,
    Sector,
    Territory,
    siret_validator,
)
from mutualis.territory.permissions import forget_seats


def invitation_link(user: User) -> str:
    """A one-time link: the token is void once the password is set (it hashes the password)."""
    path = reverse(
        "accounts:set_password",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.SITE_URL.rstrip("/") + path


INVITATION_SALT = "mutualis.territory.invitation"


@transaction.atomic
def member_invite(
    *,
    organisation: Organisation,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    service: str = "",
    job_title: str = "",
    invited_by: User,
) -> Membership | None:
    """Give a person a role in an organisation, by email.

    A new person's membership starts at once: the account is theirs only once they choose a
    password from the link sent to them. A person who already has an account must consent:
    they get a signed link and nothing is created, nor granted, until `membership_accept`;
    then None is returned.
    """
    if (role == Role.SERVICE_MANAGER) != bool(service):
        raise ValidationError(
            {"service": _("Un service est requis pour un responsable de service, et seulement pour lui.")}
        )
    email = email.strip().lower()
    user = User.objects.filter(email=email).first()
    if (
        user
        and Membership.objects.active()
        .filter(user=user, organisation=organisation, role=role, service=service)
        .exists()
    ):
        raise ValidationError(_("Cette personne a déjà ce rôle dans cette organisation."))
    membership, link, accept_link = None, None, None
    if user is None:
        user = User.objects.create_user(email, first_name=first_name.strip(), last_name=last_name.strip())
        membership = Membership.objects.create(
            user=user, organisation=organisation, role=role, service=service, job_title=job_title.strip()
        )
        forget_seats(user)
        link = invitation_link(user)
    else:
        offer = {
            "user": user.pk,
            "organisation": organisation.pk,
            "role": role,
            "service": service,
            "job_title": job_title.strip(),
            "invited_by": invited_by.pk,
            "at": timezone.now().isoformat(),
        }
        token = signing.dumps(offer, salt=INVITATION_SALT)
        accept_link = settings.SITE_URL.rstrip("/") + reverse("territory:membership_accept", args=[token])
    context = {
        "user": user,
        "organisation": organisation,
        "role": Role(role).label,
        "invited_by": invited_by,
        "link": link,
        "accept_link": accept_link,
        "login_url": settings.SITE_URL.rstrip("/") + reverse("accounts:login"),
    }
    send_mail(
        subject=_("Mutualis – votre accès pour %(organisation)s") % {"organisation": organisation},
        message=render_to_string("territory/emails/invitation.txt", context),
        from_email=None,
        recipient_list=[email],
    )
    return membership


def invitation_read(*, token: str, user: User) -> dict:
    """The role offered by a signed invitation link, if it is still valid and addressed to `user`."""
    try:
        offer = signing.loads(token, salt=INVITATION_SALT, max_age=settings.PASSWORD_RESET_TIMEOUT)
    except signing.BadSignature:
        raise ValidationError(_("Ce lien d'invitation n'est plus valable.")) from None
    if offer["user"] != user.pk:
        raise ValidationError(_("Cette invitation est adressée à un autre compte."))
    organisation = Organisation.objects.get(pk=offer["organisation"])
    rows = Membership.objects.filter(user=user, organisation=organisation, role=offer["role"], service=offer["service"])
    # Accepted already, or given and ended since it was sent: a link serves once.
    if rows.filter(Q(ended_at__isnull=True) | Q(ended_at__gte=datetime.fromisoformat(offer["at"]))).exists():
        raise ValidationError(_("Cette invitation a déjà servi."))
    return {**offer, "organisation": organisation, "invited_by": User.objects.get(pk=offer["invited_by"])}


@transaction.atomic
def membership_accept(*, token: str, user: User) -> Membership:
    """The invited person takes the role offered by the signed link; only now does it grant anything."""
    offer = invitation_read(token=token, user=user)
    membership = Membership.objects.create(
        user=user,
        organisation=offer["organisation"],
        role=offer["role"],
        service=offer["service"],
        job_title=offer["job_title"],
    )
    forget_seats(user)
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, ended_by: User) -> Membership:
    """End a membership; the row stays for history and reports."""
    if membership.ended_at is not None:
        raise ValidationError(_("Ce rattachement est déjà terminé."))
    if membership.user_id == ended_by.pk and membership.role == Role.COORDINATOR:
        raise ValidationError(_("Vous ne pouvez pas retirer votre propre rôle de coordination."))
    membership.ended_at = timezone.now()
    membership.save(update_fields=["ended_at"])
    forget_seats(membership.user)
    return membership


@transaction.atomic
def sector_save(*, sector: Sector, organisations: list[Organisation]) -> Sector:
    """Save a sector and make it the sector of exactly the given organisations."""
    sector.full_clean()
    sector.save()
    foreign = [o for o in organisations if o.territory_id != sector.territory_id]
    if foreign:
        raise ValidationError(_("Une organisation n'appartient pas à ce territoire."))
    chosen = {o.pk for o in organisations}
    # Saved one by one so that history records each move.
    for organisation in sector.organisations.exclude(pk__in=chosen):
        organisation.sector = None
        organisation.save(update_fields=["sector"])
    for organisation in organisations:
        if organisation.sector_id != sector.pk:
            organisation.sector = sector
            organisation.save(update_fields=["sector"])
    return sector


def decision_record(
    *, territory: Territory, decided_on: date, subject: str, outcome: str, reference: str = ""
) -> Decision:
    """Record a decision of the Bureau (a withdrawal after launch, an adjustment of the schéma)."""
    return Decision.objects.create(
        territory=territory,
        body=Body.BUREAU,
        decided_on=decided_on,
        subject=str(subject)[:300],
        outcome=outcome,
        reference=reference,
    )


def withdrawal_check(*, launched: bool, decision: Decision | None) -> None:
    """The schéma's principle: withdrawing is free before an action is launched; after its
    launch the Bureau decides case by case, so an accepting Bureau decision must be recorded."""
    if not launched:
        return
    if decision is None:
        raise ValidationError(_("L'action est lancée : un retrait demande une décision du Bureau."))
    if decision.body != Body.BUREAU or not decision.is_accepted:
        raise ValidationError(_("Seule une décision favorable du Bureau autorise ce retrait."))


@transaction.atomic
def holiday_zone_set(*, territory: Territory, zone: str, by: User) -> Territory:
    territory.holiday_zone = zone
    territory._history_user = by
    territory.save(update_fields=["holiday_zone"])
    return territory


@transaction.atomic
def territory_siret_set(*, territory: Territory, siret: str, by: User) -> Territory:
    """The coordinating establishment's SIRET, which open data exports name the territory by."""
    siret = siret.replace(" ", "")
    try:
        siret_validator(siret)
    except ValidationError as error:
        raise ValidationError({"siret": error.messages}) from error
    if not siret.startswith(territory.siren):
        raise ValidationError(
            {"siret": _("Le SIRET commence par le SIREN du territoire (%(siren)s).") % {"siren": territory.siren}}
        )
    territory.siret = siret
    territory._history_user = by
    territory.save(update_fields=["siret"])
    return territory


@transaction.atomic
def closed_day_add(*, territory: Territory, day: date, label: str, by: User) -> ClosedDay:
    if territory.closed_days.filter(day=day).exists():
        raise ValidationError({"day": _("Ce jour est déjà un jour de fermeture.")})
    closed_day = ClosedDay(territory=territory, day=day, label=label)
    closed_day._history_user = by
    closed_day.save()
    return closed_day


@transaction.atomic
def closed_day_remove(*, closed_day: ClosedDay, by: User) -> None:
    closed_day._history_user = by
    closed_day.delete()
