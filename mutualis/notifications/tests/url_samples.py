from mutualis.notifications.models import Notification
from mutualis.notifications.tests.factories import NotificationFactory


def url_samples(base: dict) -> dict:
    """A notification of bob's: only he may open it."""
    return {Notification: NotificationFactory(user=base["bob"], territory=base["commune_a"].territory)}
