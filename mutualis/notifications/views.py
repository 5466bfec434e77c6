from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from mutualis.core.lists import paginated
from mutualis.notifications.forms import PreferenceForm
from mutualis.notifications.models import Notification, Preference
from mutualis.notifications.services import notifications_mark_read, preference_set
from mutualis.territory.access import requires


@requires("notifications.view_notifications")
def notification_list(request: HttpRequest) -> HttpResponse:
    rows = Notification.objects.visible_to(request.user).with_list_data()
    return render(request, "notifications/notification_list.html", paginated(request, rows))


@requires("notifications.open_notification", model=Notification)
def notification_open(request: HttpRequest, notification: Notification) -> HttpResponse:
    notifications_mark_read(user=request.user, notification=notification)
    return redirect(notification.url)


@requires("notifications.view_notifications")
@require_POST
def notification_mark_all_read(request: HttpRequest) -> HttpResponse:
    count = notifications_mark_read(user=request.user)
    message = ngettext(
        "%(count)d notification marquée comme lue.", "%(count)d notifications marquées comme lues.", count
    )
    messages.success(request, message % {"count": count})
    return redirect("notifications:list")


@requires("notifications.view_notifications")
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferenceForm(request.POST or None, initial={"frequency": Preference.objects.frequency_of(request.user)})
    if request.method == "POST" and form.is_valid():
        preference_set(user=request.user, frequency=form.cleaned_data["frequency"])
        messages.success(request, _("Vos préférences sont enregistrées."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
