from datetime import date

from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from mutualis.accounts.models import User
from mutualis.core.indicators import indicator
from mutualis.core.periods import day_start, within_days
from mutualis.territory.models import Organisation, OrganisationKind, Territory


def register_organisations_of_kind(kind: OrganisationKind) -> None:
    label = format_lazy("{} : {}", _("Organisations membres"), kind.label)

    @indicator(f"territory.organisations.{kind.value}", label)
    def organisations_of_kind(territory: Territory, start: date, end: date) -> int:
        return Organisation.objects.filter(territory=territory, is_active=True, kind=kind).count()


for kind in OrganisationKind:
    register_organisations_of_kind(kind)


@indicator("territory.organisations", _("Organisations membres"))
def organisations(territory: Territory, start: date, end: date) -> int:
    return Organisation.objects.filter(territory=territory, is_active=True).count()


@indicator("territory.active_users", _("Utilisateurs actifs (connectés sur la période)"))
def active_users(territory: Territory, start: date, end: date) -> int:
    return (
        User.objects.filter(
            Q(memberships__ended_at__isnull=True) | Q(memberships__ended_at__gte=day_start(start)),
            memberships__organisation__territory=territory,
            is_active=True,
            **within_days("last_login", start, end),
        )
        .distinct()
        .count()
    )
