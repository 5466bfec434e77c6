"""Test helper for the services' work list providers (core/worklist.py)."""

from django.utils import timezone


def shown(provider, user) -> list[str]:
    """The links of the items `provider` shows `user`, acting through their one membership, today."""
    result = provider(user.memberships.get(), timezone.localdate())
    return [] if result is None else [item.url for item in result.items]
