from django.core.exceptions import ValidationError
from django.forms import Form


def add_service_error(form: Form, error: ValidationError) -> None:
    """Show a service's error next to the field it names, or above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
