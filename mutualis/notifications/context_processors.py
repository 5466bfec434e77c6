from functools import cache

from django.http import HttpRequest

from mutualis.notifications.models import Notification


def unread_notifications(request: HttpRequest) -> dict:
    """`unread_notifications`: the signed-in person's unread count. The login backend counts it
    with the user (UnreadCountBackend); a user loaded otherwise is counted once, when shown."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if hasattr(user, "unread_notifications_count"):
        return {"unread_notifications": user.unread_notifications_count or 0}
    return {"unread_notifications": cache(lambda: Notification.objects.filter(user=user).unread().count())}
