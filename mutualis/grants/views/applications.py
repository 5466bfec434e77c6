from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mutualis.grants.models import Application
from mutualis.territory.access import requires


@requires("grants.view_application", model=Application, detail=True)
def application_detail(request: HttpRequest, application: Application) -> HttpResponse:
    return render(request, "grants/application_detail.html", {"application": application})
