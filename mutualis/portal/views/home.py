"""The person's home: what waits for them, what they asked for, the territory's news
(docs/architecture.md, "Layers": the portal reads the services only through registries)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from mutualis.core.worklist import Kind, sections
from mutualis.territory.access import requires


@requires("territory.view_territory")
def home(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    # The providers read rights off `membership.user`: the request's user, whose seats are this
    # membership's only (MembershipMiddleware), not the person's other memberships.
    membership.user = request.user
    today = timezone.localdate()
    context = {kind.value: sections(kind, membership, today) for kind in Kind}
    context["shows_figures"] = request.user.has_perm("portal.view_figures", request.territory)
    context["administers"] = request.user.has_perm("territory.import_organisations", request.territory)
    return render(request, "portal/home.html", context)
