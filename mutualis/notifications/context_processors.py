from functools import cache

from django.http import HttpRequest

from mutualis.notifications.models import Notification


def unread_notifications(request: HttpRequest) -> dict:
    """`unread_notifications`: the signed-in person's unread count, counted once when a page shows
    it (a page without the header, a redirect or a file, does not)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": cache(lambda: Notification.objects.filter(user=user).unread().count())}
