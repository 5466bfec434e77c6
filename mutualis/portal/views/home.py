"""The person's home: what waits for them, what they asked for, the territory's news
(docs/architecture.md, "Layers": the portal reads the services only through registries)."""

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language

from mutualis.core.worklist import Kind, entry, sections
from mutualis.territory.access import requires
from mutualis.territory.versions import data_version


def acting_membership(request: HttpRequest):
    """The providers read rights off `membership.user`: the request's user, whose seats are this
    membership's only (MembershipMiddleware), not the person's other memberships."""
    membership = request.membership
    membership.user = request.user
    return membership


def worklists(request: HttpRequest, today) -> dict[str, list]:
    """The home's three lists, computed again only when the territory's data, the person's seats,
    the day or the language changed (territory/versions.py, territory/seats.py): every provider
    reads nothing else."""
    key = f"{request.seats_key}:home:{data_version(request.territory.pk)}:{today.isoformat()}:{get_language()}"
    lists = cache.get(key)
    if lists is None:
        membership = acting_membership(request)
        lists = {kind.value: sections(kind, membership, today) for kind in Kind}
        cache.set(key, lists, 24 * 3600)
    return lists


@requires("territory.view_territory")
def home(request: HttpRequest) -> HttpResponse:
    membership = acting_membership(request)
    context = worklists(request, timezone.localdate())
    context["shows_figures"] = request.user.has_perm("portal.view_figures", request.territory)
    context["reads_account"] = request.user.has_perm("billing.view_organisation_charges", membership.organisation)
    context["administers"] = request.user.has_perm("territory.import_organisations", request.territory)
    return render(request, "portal/home.html", context)


@requires("territory.view_territory")
def worklist_entry(request: HttpRequest) -> HttpResponse:
    """Every item of one of the home's lists (`?cle=`), for those the home shows only the first few of."""
    found = entry(request.GET.get("cle", ""), acting_membership(request), timezone.localdate())
    # A list emptied since the home was shown (or that was never this person's) reads as empty.
    return render(request, "portal/worklist_entry.html", {"entry": found})
