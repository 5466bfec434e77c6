import rules

from mutualis.territory.scopes import sees

# One's own list and preferences: every signed-in person has them.
rules.add_perm("notifications.view_notifications", rules.is_authenticated)
# A notification is seen by its one recipient only (its scope), who alone may open it.
rules.add_perm("notifications.open_notification", sees)
