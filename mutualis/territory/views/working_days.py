"""The territory's working days: whose public holidays apply, and its own closed days."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mutualis.core.holidays import public_holidays
from mutualis.core.params import year_param
from mutualis.core.periods import current_year
from mutualis.territory import services
from mutualis.territory.access import requires
from mutualis.territory.forms import ClosedDayForm, HolidayZoneForm
from mutualis.territory.models import ClosedDay


def page_of_year(year: int) -> str:
    return f"{reverse('territory:working_days')}?annee={year}"


@requires("territory.view_territory")
def working_days(request: HttpRequest) -> HttpResponse:
    return render_page(request, HolidayZoneForm(instance=request.territory), ClosedDayForm())


@requires("territory.manage_working_days")
@require_POST
def holiday_zone_set(request: HttpRequest) -> HttpResponse:
    form = HolidayZoneForm(request.POST, instance=request.territory)
    if not form.is_valid():
        return render_page(request, form, ClosedDayForm())
    services.holiday_zone_set(territory=request.territory, zone=form.cleaned_data["holiday_zone"], by=request.user)
    messages.success(request, _("Les jours fériés du territoire sont enregistrés."))
    return redirect("territory:working_days")


@requires("territory.manage_working_days")
@require_POST
def closed_day_add(request: HttpRequest) -> HttpResponse:
    form = ClosedDayForm(request.POST)
    if form.is_valid():
        try:
            closed_day = services.closed_day_add(territory=request.territory, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Le %(day)s est un jour de fermeture.") % {"day": f"{closed_day.day:%d/%m/%Y}"})
            return redirect(page_of_year(closed_day.day.year))
    return render_page(request, HolidayZoneForm(instance=request.territory), form)


@requires("territory.manage_working_days", model=ClosedDay)
@require_POST
def closed_day_remove(request: HttpRequest, closedday: ClosedDay) -> HttpResponse:
    services.closed_day_remove(closed_day=closedday, by=request.user)
    messages.success(request, _("Le %(day)s n'est plus un jour de fermeture.") % {"day": f"{closedday.day:%d/%m/%Y}"})
    return redirect(page_of_year(closedday.day.year))


def render_page(request: HttpRequest, zone_form: HolidayZoneForm, closed_day_form: ClosedDayForm) -> HttpResponse:
    territory = request.territory
    year = year_param(request, "annee", current_year())
    zone = territory.working_zone()
    return render(
        request,
        "territory/working_days.html",
        {
            "year": year,
            "zone": zone,
            "zone_is_derived": not territory.holiday_zone,
            "holidays": sorted(public_holidays(year, zone).items()),
            "closed_days": territory.closed_days.filter(day__year=year),
            "can_manage": request.user.has_perm("territory.manage_working_days", territory),
            "zone_form": zone_form,
            "closed_day_form": closed_day_form,
        },
    )
