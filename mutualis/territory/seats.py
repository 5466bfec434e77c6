"""What every request reads about the signed-in person, read once per change rather than once per
request: their memberships with the organisation and territory of each.

The copy lives in each process's cache under a key holding `User.seats_version`, which the user
row (read anyway to authenticate) carries. Any change to a membership, or to an organisation or
territory someone acts for, bumps that version in the same transaction, so the next request of
every process misses the old key: no copy outlives the data, and no shared cache is needed.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import F
from django.db.models.signals import post_delete, post_save

from mutualis.accounts.models import User
from mutualis.territory.models import Membership, Organisation, Territory

TIMEOUT = 24 * 3600


def seats_key(user: User, name: str) -> str:
    """A cache key for `name` about `user`, valid until their seats change (the joining date tells
    apart a person recreated under a reused id, after a database is reloaded)."""
    return f"seats:{user.pk}:{user.date_joined.timestamp()}:{user.seats_version}:{name}"


def memberships_of(user: User) -> list[Membership]:
    """The person's active memberships, the territory's then the organisation's name first."""
    key = seats_key(user, "memberships")
    memberships = cache.get(key)
    if memberships is None:
        memberships = list(
            Membership.objects.active()
            .filter(user=user)
            .select_related("organisation__territory")
            .order_by("organisation__territory__name", "organisation__name", "role")
        )
        cache.set(key, memberships, TIMEOUT)
    return memberships


def _bump(users) -> None:
    users.update(seats_version=F("seats_version") + 1)


def _membership_changed(sender, instance: Membership, **kwargs) -> None:
    _bump(User.objects.filter(pk=instance.user_id))


def _organisation_changed(sender, instance: Organisation, created: bool = False, **kwargs) -> None:
    if not created:
        _bump(User.objects.filter(memberships__organisation=instance))


def _territory_changed(sender, instance: Territory, created: bool = False, **kwargs) -> None:
    if not created:
        _bump(User.objects.filter(memberships__organisation__territory=instance))


def connect() -> None:
    post_save.connect(_membership_changed, sender=Membership, dispatch_uid="seats_membership_saved")
    post_delete.connect(_membership_changed, sender=Membership, dispatch_uid="seats_membership_deleted")
    post_save.connect(_organisation_changed, sender=Organisation, dispatch_uid="seats_organisation_saved")
    post_save.connect(_territory_changed, sender=Territory, dispatch_uid="seats_territory_saved")
