"""Form pieces every app uses: the base forms that bound every input, a native date picker,
several files in one field, and a service's ValidationError shown where it belongs."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from functools import wraps

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, ProhibitNullCharactersValidator
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils.translation import gettext_lazy as _

from mutualis.core.params import EARLIEST, LATEST

# PostgreSQL's integer; a field without its own bounds could otherwise overflow a column or a date.
LARGEST_NUMBER = 2**31 - 1


def refuse_control_characters(multiline: bool) -> Callable[[str], None]:
    """A validator refusing control characters (NUL, form feed, escape…), which are not text and
    which PostgreSQL refuses (NUL); tabs and line breaks are text in a multi-line input only."""
    allowed = "\t\n\r" if multiline else ""

    def validate(value: str) -> None:
        if any(unicodedata.category(char) == "Cc" and char not in allowed for char in value):
            raise ValidationError(
                _("Le texte contient des caractères de contrôle (caractère nul, saut de ligne…) : retirez-les."),
                code="control_characters",
            )

    return validate


def within_calendar(value: date) -> None:
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise ValidationError(
            _("Saisissez une date entre %(earliest)s et %(latest)s.")
            % {"earliest": EARLIEST.strftime("%d/%m/%Y"), "latest": LATEST.strftime("%d/%m/%Y")},
            code="out_of_calendar",
        )


def input_limits(field: forms.Field) -> list[Callable]:
    """The validators keeping `field` within what the database and the calendar hold."""
    if isinstance(field, forms.CharField):
        return [refuse_control_characters(isinstance(field.widget, forms.Textarea))]
    if isinstance(field, forms.DateField | forms.DateTimeField):
        return [within_calendar]
    unbounded = getattr(field, "max_value", 0) is None and getattr(field, "max_digits", None) is None
    if isinstance(field, forms.IntegerField | forms.DecimalField) and unbounded:
        return [MinValueValidator(-LARGEST_NUMBER), MaxValueValidator(LARGEST_NUMBER)]
    return []


class InputLimits:
    """Bounds every field, including those a form adds in its own __init__: text without
    control characters, dates within [EARLIEST, LATEST], numbers within LARGEST_NUMBER."""

    def full_clean(self) -> None:
        for field in self.fields.values():
            if not getattr(field, "input_limits", False):
                # Django's own NUL check would say the same thing a second time.
                kept = [v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)]
                field.validators = [*kept, *input_limits(field)]
                field.input_limits = True
        super().full_clean()


class Form(InputLimits, forms.Form):
    """Every form of the project derives from this one or from ModelForm (a test checks it)."""


class ModelForm(InputLimits, forms.ModelForm):
    pass


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
