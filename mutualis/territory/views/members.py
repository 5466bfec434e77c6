from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mutualis.core.french import de
from mutualis.territory import services
from mutualis.territory.access import requires
from mutualis.territory.forms import InviteForm
from mutualis.territory.middleware import SESSION_KEY
from mutualis.territory.models import Membership, Organisation, Role


@requires("territory.invite_member", model=Organisation)
def member_invite(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = InviteForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_invite(organisation=organisation, invited_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Invitation envoyée à %(email)s.") % {"email": form.cleaned_data["email"]})
            return redirect("territory:organisation_detail", pk=organisation.pk)
    return render(request, "territory/member_invite.html", {"organisation": organisation, "form": form})


@requires("territory.end_membership", model=Membership)
@require_POST
def membership_end(request: HttpRequest, membership: Membership) -> HttpResponse:
    try:
        services.membership_end(membership=membership, ended_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Le rattachement %(of_person)s est terminé.") % {"of_person": de(membership.user)})
    return redirect("territory:organisation_detail", pk=membership.organisation_id)


@require_POST
@login_required
def switch_membership(request: HttpRequest) -> HttpResponse:
    """Act through another of one's own memberships."""
    membership = get_object_or_404(Membership.objects.active(), pk=request.POST.get("membership"), user=request.user)
    request.session[SESSION_KEY] = membership.pk
    return redirect("portal:home")


@login_required
def membership_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The invited person, logged in, accepts a role offered by the signed link of the invitation email."""
    try:
        offer = services.invitation_read(token=token, user=request.user)
        if request.method == "POST":
            membership = services.membership_accept(token=token, user=request.user)
            request.session[SESSION_KEY] = membership.pk
            messages.success(
                request, _("Vous agissez maintenant pour %(organisation)s.") % {"organisation": membership.organisation}
            )
            return redirect("portal:home")
    except ValidationError as error:
        return render(request, "territory/membership_accept.html", {"error": " ".join(error.messages)}, status=400)
    role = Role(offer["role"]).label
    return render(request, "territory/membership_accept.html", {"offer": offer, "role": role})
