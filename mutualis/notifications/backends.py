from django.contrib.auth.backends import ModelBackend
from django.db.models import Count, OuterRef, Subquery

from mutualis.accounts.models import User
from mutualis.notifications.models import Notification


class UnreadCountBackend(ModelBackend):
    """Django's login backend, whose signed-in user comes with their unread notifications
    counted in the same query: the header shows the count on every page at no extra query."""

    def get_user(self, user_id):
        unread = (
            Notification.objects.filter(user=OuterRef("pk"), read_at__isnull=True)
            .order_by()
            .values("user")
            .annotate(count=Count("pk"))
            .values("count")
        )
        try:
            user = User._default_manager.annotate(unread_notifications_count=Subquery(unread)).get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
