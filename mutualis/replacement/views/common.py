from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed


def post_only(view: Callable) -> Callable:
    """`require_POST` placed under `@requires`, so that a GET without the right is still a 403;
    Django's decorator would take the Request row (keyword `request`) for the HTTP request."""

    @wraps(view)
    def wrapped(http: HttpRequest, *args, **kwargs) -> HttpResponse:
        if http.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return view(http, *args, **kwargs)

    return wrapped
