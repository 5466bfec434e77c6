"""The person's profile: who they are, where they belong, and the settings of their account."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mutualis.accounts.models import User
from mutualis.core.forms import ModelForm
from mutualis.notifications.models import Frequency, Preference
from mutualis.territory.access import requires


class NameForm(ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name"]


@requires("territory.view_territory")
def profile(request: HttpRequest) -> HttpResponse:
    form = NameForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Votre nom est enregistré."))
        return redirect("portal:profile")
    context = {
        "form": form,
        "memberships": request.memberships,
        "frequency": Frequency(Preference.objects.frequency_of(request.user)).label,
    }
    return render(request, "portal/profile.html", context)
