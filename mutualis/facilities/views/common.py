from __future__ import annotations

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest

from mutualis.territory.models import Organisation


def add_service_error(form: Form, error: ValidationError) -> None:
    """Show a service's error next to the field it names, or above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def owners_for(request: HttpRequest, organisation: Organisation | None = None) -> list[Organisation]:
    """The organisations whose facilities the user handles: the whole territory for the
    expertise cell (the given one first), else the user's own organisation."""
    organisation = organisation or request.membership.organisation
    if not request.user.has_perm("facilities.view_dashboard", request.territory):
        return [organisation]
    others = request.territory.organisations.active().exclude(pk=organisation.pk).order_by("search_name")
    return [organisation, *others]
