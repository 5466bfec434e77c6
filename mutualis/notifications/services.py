"""The one way to tell people: `notify`, and the daily digest.

A notification is a row in the person's in-app list and, unless they chose the daily digest,
an email. Emails leave when the transaction commits: a transition rolled back tells nobody.
Links are built on `settings.SITE_URL`, never on the request's Host header.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from mutualis.accounts.models import User
from mutualis.core.french import a, de
from mutualis.notifications.events import registry
from mutualis.notifications.models import Frequency, Notification, Preference
from mutualis.territory.models import Territory


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _email(to: str, subject: str, template: str, context: dict) -> EmailMessage:
    context = {**context, "preferences_link": absolute(reverse("notifications:preferences"))}
    return EmailMessage(subject=subject, body=render_to_string(template, context), to=[to])


def _send(messages: list[EmailMessage]) -> None:
    if messages:
        get_connection().send_messages(messages)


def with_elisions(context: Mapping[str, object]) -> dict[str, object]:
    """The context with each name also preceded by "de" and "à" as French writes them: a text
    says "%(of_organisation)s" for "de Jouhe" or "d'Archelange" (see core/french.py)."""
    names = {key: value for key, value in context.items() if value is not None}
    return {
        **context,
        **{f"of_{key}": de(value) for key, value in names.items()},
        **{f"to_{key}": a(value) for key, value in names.items()},
    }


@transaction.atomic
def notify(
    event_key: str,
    *,
    recipients: Iterable[User],
    context: Mapping[str, object],
    url: str,
    territory: Territory | int,
    exclude: User | None = None,
    addresses: Iterable[str] = (),
) -> list[Notification]:
    """Tell `recipients` (less `exclude`, the person who acted) that `event_key` happened.

    Each gets a notification in their list and, unless they chose the daily digest, an email
    with the link to `url` (a path on this site). `addresses` are emails without an account
    (an item's contact address): they get the email only. Returns the notifications created.
    """
    event = registry[event_key]
    # Stored and emailed in the site's language, whatever the acting person's.
    with translation.override(settings.LANGUAGE_CODE):
        context = with_elisions(context)
        subject = str(event.subject) % context
        # A paragraph left empty by the context (no note, no damage) is dropped.
        body = "\n\n".join(part for part in (str(event.body) % context).split("\n\n") if part.strip())
    people = {user.pk: user for user in recipients if user is not None and (exclude is None or user.pk != exclude.pk)}
    territory_id = territory if isinstance(territory, int) else territory.pk
    daily = set(Preference.objects.filter(user__in=people, frequency=Frequency.DAILY).values_list("user_id", flat=True))
    now = timezone.now()
    notifications = Notification.objects.bulk_create(
        Notification(
            user=user,
            territory_id=territory_id,
            event=event_key,
            subject=subject,
            body=body,
            url=url,
            created_at=now,
            emailed_at=now if event.email and user.pk not in daily else None,
        )
        for user in people.values()
    )
    if not event.email:
        return notifications
    emails = [user.email for user in people.values() if user.pk not in daily and user.email]
    emails += [email for email in dict.fromkeys(addresses) if email and email not in emails]
    with translation.override(settings.LANGUAGE_CODE):
        context = {"body": body, "link": absolute(url)}
        messages = [_email(email, subject, "notifications/email.txt", context) for email in emails]
    transaction.on_commit(partial(_send, messages))
    return notifications


@transaction.atomic
def notifications_mark_read(*, user: User, notification: Notification | None = None) -> int:
    """Mark one notification of `user`, or all of them, as read; the number marked."""
    rows = Notification.objects.filter(user=user).unread()
    if notification is not None:
        rows = rows.filter(pk=notification.pk)
    return rows.update(read_at=timezone.now())


@transaction.atomic
def preference_set(*, user: User, frequency: str) -> Preference:
    preference, _created = Preference.objects.get_or_create(user=user)
    preference.frequency = frequency
    preference.full_clean()
    preference._history_user = user
    preference.save()
    return preference


@transaction.atomic
def digests_send() -> int:
    """Email each person who chose the daily digest their unread notifications of the last day
    not emailed yet, in one message; the number of emails sent."""
    since = timezone.now() - timedelta(days=1)
    pending = (
        Notification.objects.filter(
            user__notification_preference__frequency=Frequency.DAILY,
            read_at__isnull=True,
            emailed_at__isnull=True,
            created_at__gte=since,
        )
        .select_related("user")
        .order_by("user_id", "created_at")
    )
    by_user: dict[User, list[Notification]] = {}
    for notification in pending:
        by_user.setdefault(notification.user, []).append(notification)
    with translation.override(settings.LANGUAGE_CODE):
        messages = [
            _email(
                user.email,
                str(DIGEST_SUBJECT) % {"count": len(items)},
                "notifications/digest.txt",
                {"items": [(item, absolute(reverse("notifications:open", args=[item.pk]))) for item in items]},
            )
            for user, items in by_user.items()
            if user.email
        ]
    Notification.objects.filter(pk__in=[item.pk for items in by_user.values() for item in items]).update(
        emailed_at=timezone.now()
    )
    transaction.on_commit(partial(_send, messages))
    return len(messages)


DIGEST_SUBJECT = translation.gettext_lazy("Mutualis – vos notifications du jour (%(count)d)")
