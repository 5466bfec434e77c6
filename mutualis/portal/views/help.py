"""Help: one page per role, saying what the person can do and where. The list of places is the
menu such a person gets, so that it never names a page they could not open."""

import rules
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from mutualis.accounts.models import User
from mutualis.core.navigation import menu_of
from mutualis.territory.access import requires
from mutualis.territory.models import Role
from mutualis.territory.permissions import Seat


def stand_in(request: HttpRequest, role: str) -> User:
    """A person holding only `role`, in the acting membership's organisation (and service, for a
    service manager): an unsaved user, whose seats the permission predicates read."""
    membership = request.membership
    service = membership.service if membership.role == role else ""
    person = User()
    person._mutualis_seats = [Seat(membership.organisation_id, request.territory.pk, role, service)]
    return person


@requires("territory.view_territory")
def help_page(request: HttpRequest) -> HttpResponse:
    role = request.GET.get("role") or request.membership.role
    if role not in Role.values:
        raise Http404
    person = stand_in(request, role)
    context = {
        "role": Role(role),
        "roles": Role,
        "acting_role": request.membership.role,
        "places": menu_of(lambda permission: rules.has_perm(permission, person, request.territory)),
    }
    return render(request, "portal/help/help.html", context)
