from collections.abc import Callable
from functools import wraps

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed


def add_service_error(form: Form, error: ValidationError) -> None:
    """Show a service's error next to the field it names, or above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def post_only(view: Callable) -> Callable:
    """`require_POST` for views whose row is named `request` (the Request model), which
    Django's decorator would take for the HTTP request."""

    @wraps(view)
    def wrapped(http: HttpRequest, *args, **kwargs) -> HttpResponse:
        if http.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return view(http, *args, **kwargs)

    return wrapped
