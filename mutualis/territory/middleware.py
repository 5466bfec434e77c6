from django.http import HttpRequest, HttpResponse

from mutualis.territory.permissions import seat_of
from mutualis.territory.seats import memberships_of, seats_key

SESSION_KEY = "membership_id"


class MembershipMiddleware:
    """Resolve once per request the membership the user acts through (`request.membership`).

    A person with several memberships picks one; the choice is kept in the session, and every
    permission and every `visible_to` of the request reads that membership only.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.memberships = []
        request.membership = None
        request.territory = None
        if request.user.is_authenticated:
            memberships = memberships_of(request.user)
            chosen = request.session.get(SESSION_KEY)
            request.memberships = memberships
            request.membership = next(
                (m for m in memberships if m.pk == chosen), memberships[0] if memberships else None
            )
            if request.membership:
                request.territory = request.membership.organisation.territory
                # What is computed from this membership's rights alone (the menu) is cached under it.
                request.seats_key = seats_key(request.user, f"membership-{request.membership.pk}")
            # Rights and visibility follow the membership acted through, not the person's others.
            request.user._mutualis_seats = [seat_of(request.membership)] if request.membership else []
        return self.get_response(request)
