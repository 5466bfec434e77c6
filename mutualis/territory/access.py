"""The one chain every view goes through: login, a membership, a visible row, a permission.

`@requires(perm)` guards a view without URL arguments: the permission is checked against
the user's current territory. `@requires(perm, model=Model)` guards a view whose URL
carries `pk`: the row is fetched among those the user may see (any other row is a 404),
the permission is checked on it (403), and the view receives it as a keyword argument
named after the model (`organisation`, `convention`…); with `detail=True` it is fetched
through the model's `with_detail_data()`, so a detail page needs no second fetch. The URL walk test reads
`required_permission` and `required_model` off every view.
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


def requires(perm: str, model: type[Model] | None = None, detail: bool = False) -> Callable:
    def decorator(view: Callable) -> Callable:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            if request.membership is None:
                raise PermissionDenied
            if model is None:
                authorize(request, perm, request.territory)
                return view(request, *args, **kwargs)
            rows = model.objects.with_detail_data() if detail else model.objects.all()
            obj = get_visible_or_404(rows, request, pk=kwargs.pop("pk"))
            authorize(request, perm, obj)
            return view(request, *args, **{model._meta.model_name: obj}, **kwargs)

        wrapped.required_permission = perm
        wrapped.required_model = model
        return wrapped

    return decorator
