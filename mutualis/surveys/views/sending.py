from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from mutualis.core.lists import paginated
from mutualis.surveys import services
from mutualis.surveys.forms import RecipientsForm
from mutualis.surveys.models import Invitation, Survey
from mutualis.territory.access import requires

PREVIEW_SIZE = 100


@requires("surveys.send_survey", model=Survey)
def survey_send(request: HttpRequest, survey: Survey) -> HttpResponse:
    """Choose recipients by role, sector and organisation, preview them, then send the links."""
    form = RecipientsForm(request.POST or None, territory=survey.territory)
    preview = None
    if request.method == "POST" and form.is_valid():
        matching = services.recipients(territory=survey.territory, **form.cleaned_data)
        if request.POST.get("action") == "send":
            try:
                sent = services.invitations_send(survey=survey, memberships=matching, by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, ngettext("%(count)d lien envoyé.", "%(count)d liens envoyés.", len(sent))
                                 % {"count": len(sent)})  # fmt: skip
            return redirect("surveys:survey_send", pk=survey.pk)
        invited = set(survey.invitations.values_list("user_id", flat=True))
        people = {membership.user_id: membership for membership in matching}
        preview = {
            "count": len(people),
            "new": len(set(people) - invited),
            "people": list(people.values())[:PREVIEW_SIZE],
            "truncated": len(people) > PREVIEW_SIZE,
        }
    invitations = Invitation.objects.visible_to(request.user).filter(survey=survey).with_list_data()
    context = {"survey": survey, "form": form, "preview": preview, **paginated(request, invitations)}
    return render(request, "surveys/survey_send.html", context)
