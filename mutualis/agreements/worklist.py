"""Conventions on the home: those to sign (each party signs for itself: its mayor, or the
coordination for the EPCI), the drafts the coordination has to send, the conventions signed
lately (see core/worklist.py)."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutualis.agreements.models import Convention, ConventionParty, Status
from mutualis.core.worklist import Found, Item, found, news, waiting
from mutualis.territory.models import OrganisationKind, Role

RECENT = timedelta(days=30)


def _convention_item(convention: Convention) -> Item:
    return Item(
        convention.title,
        reverse("agreements:convention_detail", args=[convention.pk]),
        convention.start,
        convention.get_status_display(),
        _("à partir du"),
    )


@waiting("agreements.to_sign", gettext_lazy("Conventions à signer"))
def to_sign(membership, today: date) -> Found | None:
    if membership.role == Role.ORG_MANAGER:
        parties = ConventionParty.objects.filter(organisation=membership.organisation_id)
    elif membership.role == Role.COORDINATOR:
        parties = ConventionParty.objects.filter(
            organisation__territory=membership.organisation.territory_id, organisation__kind=OrganisationKind.EPCI
        )
    else:
        return None
    rows = (
        parties.visible_to(membership.user)
        .filter(convention__status=Status.SENT, signed_on__isnull=True)
        .select_related("convention")
        .order_by("convention__start", "pk")
    )
    result = found(rows, lambda party: _convention_item(party.convention))
    if result is None:
        return None
    url = reverse("agreements:convention_list") + f"?status={Status.SENT}"
    if membership.role == Role.ORG_MANAGER:
        url += f"&organisation={membership.organisation_id}"
    return Found(result.count, result.items, url)


@waiting("agreements.to_send", gettext_lazy("Conventions en brouillon à envoyer"))
def to_send(membership, today: date) -> Found | None:
    if not membership.user.has_perm("agreements.change_convention", membership.organisation.territory):
        return None
    rows = Convention.objects.visible_to(membership.user).filter(
        territory=membership.organisation.territory_id, status=Status.DRAFT
    )
    url = reverse("agreements:convention_list") + f"?status={Status.DRAFT}"
    return found(rows.order_by("start", "pk"), _convention_item, url)


@news("agreements.signed", gettext_lazy("Conventions signées ces 30 derniers jours"))
def signed(membership, today: date) -> Found | None:
    rows = Convention.objects.visible_to(membership.user).filter(
        territory=membership.organisation.territory_id, signed_on__gt=today - RECENT, signed_on__lte=today
    )
    return found(
        rows.order_by("-signed_on", "-pk"),
        lambda convention: Item(
            convention.title,
            reverse("agreements:convention_detail", args=[convention.pk]),
            convention.signed_on,
            convention.get_status_display(),
            _("le"),
        ),
    )
