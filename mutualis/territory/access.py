"""The one chain every view goes through: login, a membership, a visible row, a permission.

`@requires(perm)` marks a view with the permission it needs (the URL walk test reads the
mark). A view without URL arguments is checked against the user's current territory; a
view that fetches a row calls `get_visible_or_404` then `authorize` on that row.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest


def get_visible_or_404(queryset: QuerySet, request: HttpRequest, **lookup) -> Model:
    """Fetch one row among those the user may see; any other row is a 404, whoever owns it."""
    try:
        return queryset.visible_to(request.user).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError):
        raise Http404 from None


def authorize(request: HttpRequest, perm: str, obj: Model) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def requires(perm: str) -> Callable:
    def decorator(view: Callable) -> Callable:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            if request.membership is None:
                raise PermissionDenied
            if not kwargs:
                authorize(request, perm, request.membership.organisation.territory)
            return view(request, *args, **kwargs)

        wrapped.required_permission = perm
        return wrapped

    return decorator
