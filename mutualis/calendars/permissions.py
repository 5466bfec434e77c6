import rules

from mutualis.territory.scopes import sees

# One's own calendar links: every signed-in person has them.
rules.add_perm("calendars.view_feeds", rules.is_authenticated)
# A link is seen by the person it was made for only (its scope), who alone may revoke it.
rules.add_perm("calendars.revoke_feed", sees)
