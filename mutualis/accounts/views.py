from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from mutualis.territory.middleware import SESSION_KEY
from mutualis.territory.models import Membership


@require_POST
@login_required
def switch_membership(request: HttpRequest) -> HttpResponse:
    """Act through another of one's own memberships."""
    membership = get_object_or_404(Membership.objects.active(), pk=request.POST.get("membership"), user=request.user)
    request.session[SESSION_KEY] = membership.pk
    return redirect("core:home")
