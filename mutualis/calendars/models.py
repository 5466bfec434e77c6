"""A person's private calendar links: the token in the URL is the credential, revocable."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mutualis.calendars import feeds
from mutualis.territory.scopes import Personal, ScopedQuerySet


def new_token() -> str:
    return secrets.token_urlsafe(32)


class FeedTokenQuerySet(ScopedQuerySet):
    def active(self) -> FeedTokenQuerySet:
        return self.filter(revoked_at__isnull=True)

    def with_list_data(self) -> FeedTokenQuerySet:
        return self.select_related("organisation").order_by("-created_at", "-pk")


class FeedToken(models.Model):
    """One link to one feed (`kind`, see `calendars.feeds`), of `organisation` or of the person."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_tokens")
    kind = models.CharField(_("calendrier"), max_length=60)
    organisation = models.ForeignKey(
        "territory.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)

    objects = FeedTokenQuerySet.as_manager()
    scope = Personal(person="user")
    # The history must not keep a credential.
    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        verbose_name = _("lien de calendrier")
        verbose_name_plural = _("liens de calendrier")
        indexes = [models.Index(fields=["user", "kind"])]

    def __str__(self) -> str:
        feed = self.feed
        return str(feed.label if feed else self.kind)

    @property
    def feed(self) -> feeds.Feed | None:
        return feeds.get(self.kind)

    @property
    def subject(self):
        return self.organisation if self.organisation_id else self.user

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
