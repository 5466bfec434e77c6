"""The project's URLs plus one bench-only page: an empty page that only extends base.html (the
floor every HTML page pays: base template, menu, middleware). Mounted by the pages scenario only."""

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import include, path

from mutualis.urls import urlpatterns as project

EMPTY = engines["django"].from_string('{% extends "core/base.html" %}')


def empty_base(request: HttpRequest) -> HttpResponse:
    return HttpResponse(EMPTY.render({}, request))


urlpatterns = [*project, path("bench/", include(([path("base-vide/", empty_base, name="empty_base")], "bench")))]
