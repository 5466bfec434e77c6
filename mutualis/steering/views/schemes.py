from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mutualis.steering.dashboard import dashboard_data
from mutualis.steering.forms import SchemeForm
from mutualis.steering.models import Scheme
from mutualis.steering.views.common import form_page, year_of
from mutualis.territory.access import requires


@requires("steering.view_scheme")
def scheme_list(request: HttpRequest) -> HttpResponse:
    schemes = Scheme.objects.visible_to(request.user).filter(territory=request.territory).with_list_data()
    can_manage = request.user.has_perm("steering.manage_scheme", request.territory)
    return render(request, "steering/scheme_list.html", {"schemes": schemes, "can_manage": can_manage})


@requires("steering.manage_scheme")
def scheme_create(request: HttpRequest) -> HttpResponse:
    form = SchemeForm(request.POST or None, territory=request.territory)
    if request.method == "POST" and form.is_valid():
        scheme = form.save()
        messages.success(request, _("Le schéma est enregistré."))
        return redirect("steering:scheme_detail", pk=scheme.pk)
    return form_page(
        request, form, _("Nouveau schéma de mutualisation"), (reverse("steering:scheme_list"), _("Schémas"))
    )


@requires("steering.manage_scheme", model=Scheme)
def scheme_edit(request: HttpRequest, scheme: Scheme) -> HttpResponse:
    form = SchemeForm(request.POST or None, instance=scheme, territory=scheme.territory)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Le schéma est enregistré."))
        return redirect("steering:scheme_detail", pk=scheme.pk)
    back = (reverse("steering:scheme_detail", args=[scheme.pk]), str(scheme))
    return form_page(request, form, _("Modifier le schéma"), back)


@requires("steering.view_scheme", model=Scheme)
def scheme_detail(request: HttpRequest, scheme: Scheme) -> HttpResponse:
    """The schéma's dashboard: timeline of milestones, status of each action, participation by sector."""
    year = year_of(request, scheme)
    data = dashboard_data(scheme, year, timezone.localdate())
    can_manage = request.user.has_perm("steering.manage_scheme", scheme)
    return render(
        request, "steering/scheme_detail.html", {"scheme": scheme, "year": year, "can_manage": can_manage, **data}
    )
