"""Form pieces every app uses: the base forms that bound every input and read numbers the French
way, a native date picker, several files in one field, and a service's ValidationError shown where
it belongs."""

from __future__ import annotations

import re
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


# "1 200,50", "1200.5", "3,45", "-12": digits in groups of three apart by a space (regular, no-break
# or narrow no-break, as French typography and our own pages print them), or not grouped at all;
# a comma or a point as the decimal mark. ASCII digits only: int() and Decimal() would also read "３９".
FRENCH_NUMBER = re.compile(r"[+-]?(?:[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+|[0-9]+)?(?:[.,][0-9]+)?")
GROUP_SPACES = re.compile(r"[ \u00a0\u202f]")


def french_number(text: str) -> str | None:
    """The number typed in `text` as Python reads it ("1 200,50" -> "1200.50"), or None if it is not
    one. Both marks in one number ("1.200,50", "1,200.50") are refused rather than guessed."""
    text = text.strip()
    if not text or not FRENCH_NUMBER.fullmatch(text) or not any(char.isdigit() for char in text):
        return None
    return GROUP_SPACES.sub("", text).replace(",", ".")


def reading_french_numbers(field: forms.IntegerField) -> Callable:
    """`field.to_python`, preceded by `french_number`."""
    to_python = field.to_python

    def parse(value: object) -> object:
        if isinstance(value, str) and value.strip():
            number = french_number(value)
            if number is None:
                raise ValidationError(field.error_messages["invalid"], code="invalid")
            value = number
        return to_python(value)

    return parse


class NumberInput(forms.TextInput):
    """A text input for numbers: a browser's type=number refuses "1 200" and "3,45"; `inputmode`
    still brings up the phone's digit keyboard."""

    def __init__(self, decimal: bool, attrs: dict | None = None) -> None:
        super().__init__({**(attrs or {}), "inputmode": "decimal" if decimal else "numeric"})
        self.is_localized = True


def as_text_input(field: forms.Field) -> None:
    if isinstance(field, forms.IntegerField) and type(field.widget) is forms.NumberInput:
        # min, max and step mean nothing on a text input: the field checks its bounds itself.
        attrs = {k: v for k, v in field.widget.attrs.items() if k not in {"min", "max", "step"}}
        field.widget = NumberInput(decimal=type(field) is not forms.IntegerField, attrs=attrs)


class InputLimits:
    """Bounds every field, including those a form adds in its own __init__: text without
    control characters, dates within [EARLIEST, LATEST], numbers within LARGEST_NUMBER; and reads
    numbers the French way, in a text input."""

    def __getitem__(self, name: str) -> forms.BoundField:
        if name in self.fields:
            as_text_input(self.fields[name])
        return super().__getitem__(name)

    def full_clean(self) -> None:
        for field in self.fields.values():
            if not getattr(field, "input_limits", False):
                # Django's own NUL check would say the same thing a second time.
                kept = [v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)]
                field.validators = [*kept, *input_limits(field)]
                if isinstance(field, forms.IntegerField):
                    field.to_python = reading_french_numbers(field)
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
