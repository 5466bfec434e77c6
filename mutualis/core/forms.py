"""Form pieces every app uses: a native date picker, several files in one field, and a
service's ValidationError shown where it belongs."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name; each is checked as a single FileField would be."""

    widget = MultipleFileInput

    def clean(self, data, initial=None) -> list:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        # super() without arguments does not work inside the comprehension's own scope.
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


def add_service_error(form: forms.Form, error: ValidationError) -> None:
    """Show a service's error next to the field it names, or above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def run_and_tell(request: HttpRequest, write: Callable[[], object], success: str) -> bool:
    """Run a service behind a button (no form to redisplay): its refusal becomes an error
    message on the next page, its success the `success` message. True when it went through."""
    try:
        write()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, success)
    return True


def post_only(view: Callable) -> Callable:
    """`require_POST` placed under `@requires`, so that a GET without the right is still a 403;
    it also suits views whose row is named `request` (a Request model), which Django's
    decorator would take for the HTTP request."""

    @wraps(view)
    def wrapped(http: HttpRequest, *args, **kwargs) -> HttpResponse:
        if http.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return view(http, *args, **kwargs)

    return wrapped
