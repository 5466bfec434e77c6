from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mutualis.territory import services
from mutualis.territory.access import requires
from mutualis.territory.forms import SectorForm
from mutualis.territory.models import Organisation, Sector


@requires("territory.view_territory")
def sector_list(request: HttpRequest) -> HttpResponse:
    sectors = Sector.objects.visible_to(request.user).filter(territory=request.territory).with_list_data()
    unassigned = Organisation.objects.filter(territory=request.territory, sector__isnull=True).active()
    return render(request, "territory/sector_list.html", {"sectors": sectors, "unassigned": unassigned})


@requires("territory.manage_sectors")
def sector_create(request: HttpRequest) -> HttpResponse:
    return sector_form(request, Sector(territory=request.territory))


@requires("territory.manage_sectors", model=Sector)
def sector_edit(request: HttpRequest, sector: Sector) -> HttpResponse:
    return sector_form(request, sector)


def sector_form(request: HttpRequest, sector: Sector) -> HttpResponse:
    form = SectorForm(request.POST or None, instance=sector)
    if request.method == "POST" and form.is_valid():
        try:
            services.sector_save(sector=form.instance, organisations=list(form.cleaned_data["organisations"]))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Le secteur « %(name)s » est enregistré.") % {"name": sector.name})
            return redirect("territory:sector_list")
    return render(request, "territory/sector_form.html", {"form": form, "sector": sector})
