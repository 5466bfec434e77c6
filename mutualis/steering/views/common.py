from __future__ import annotations

from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mutualis.core.params import year_param
from mutualis.core.periods import current_year
from mutualis.steering.models import Scheme


def year_of(request: HttpRequest, scheme: Scheme) -> int:
    """The year asked for (?year=), else this year, kept within the scheme's period."""
    year = year_param(request, "year", current_year())
    return min(max(year, scheme.start_year), scheme.end_year)


def form_page(request: HttpRequest, form: Form, title: str, back: tuple[str, str], **context) -> HttpResponse:
    """The one form page: a title, a link back (url, label), the form."""
    return render(request, "steering/form.html", {"form": form, "title": title, "back": back, **context})
