from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mutualis.calendars import feeds
from mutualis.calendars.models import FeedToken


@transaction.atomic
def feed_token_create(*, user, kind: str, organisation=None) -> FeedToken:
    """A new private link to the feed `kind` (of `organisation` when the feed is an organisation's).
    One live link per feed and subject: revoke it to get a new one."""
    feed = feeds.get(kind)
    if feed is None:
        raise ValidationError(_("Ce calendrier n'existe pas."))
    subject = feed.subject(user, organisation)
    if not feed.allows(user, subject):
        raise ValidationError(_("Vous ne pouvez pas vous abonner à ce calendrier."))
    organisation = organisation if feed.owner == feeds.Owner.ORGANISATION else None
    if FeedToken.objects.active().filter(user=user, kind=kind, organisation=organisation).exists():
        raise ValidationError(_("Vous avez déjà un lien vers ce calendrier : révoquez-le pour en créer un autre."))
    return FeedToken.objects.create(user=user, kind=kind, organisation=organisation)


@transaction.atomic
def feed_token_revoke(*, feed_token: FeedToken) -> FeedToken:
    """The link stops working at once; the calendar apps that read it get a 410."""
    if feed_token.is_revoked:
        raise ValidationError(_("Ce lien est déjà révoqué."))
    feed_token.revoked_at = timezone.now()
    feed_token.save(update_fields=["revoked_at"])
    return feed_token
