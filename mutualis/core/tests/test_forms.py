"""Every form's inputs stay within what the database and the calendar hold."""

import importlib
from decimal import Decimal

import pytest
from django import forms
from django.conf import settings
from django.forms.renderers import get_default_renderer

from mutualis.core.forms import LARGEST_NUMBER, Form, ModelForm


class Sample(Form):
    name = forms.CharField(required=False)
    notes = forms.CharField(required=False, widget=forms.Textarea)
    day = forms.DateField(required=False)
    moment = forms.DateTimeField(required=False)
    count = forms.IntegerField(required=False)
    amount = forms.DecimalField(required=False)
    hours = forms.DecimalField(required=False, max_value=48)


def errors(**data) -> dict:
    form = Sample(data)
    form.is_valid()
    return form.errors


@pytest.mark.parametrize("text", ["a\x00b", "\x1b[31m", "a\x0cb", "two\nlines", "a\tb"])
def test_a_one_line_input_refuses_control_characters_with_a_clear_message(text):
    assert errors(name=text)["name"] == [
        "Le texte contient des caractères de contrôle (caractère nul, saut de ligne…) : retirez-les."
    ]


@pytest.mark.parametrize("text", ["a\x00b", "\x1b", "\x7f"])
def test_a_multi_line_input_refuses_control_characters(text):
    assert "notes" in errors(notes=text)


def test_a_multi_line_input_keeps_tabs_and_line_breaks():
    assert not errors(notes="one\r\n\ttwo")


def test_unicode_text_is_text():
    assert not errors(name="Jouhe – 𝔐utualis ✓ é" * 100)


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "2200-01-01", "9999-12-31"])
def test_a_date_off_the_calendar_is_refused(day):
    assert "entre 01/01/1900 et 31/12/2199" in errors(day=day)["day"][0]


def test_a_moment_off_the_calendar_is_refused():
    assert "moment" in errors(moment="9999-12-31 23:59")


def test_a_date_within_the_calendar_is_kept():
    assert not errors(day="2199-12-31", moment="1900-01-01 00:00")


@pytest.mark.parametrize("field", ["count", "amount"])
def test_a_number_without_its_own_bounds_stays_within_the_database(field):
    assert not errors(**{field: str(LARGEST_NUMBER)})
    assert field in errors(**{field: str(LARGEST_NUMBER + 1)})
    assert field in errors(**{field: str(-LARGEST_NUMBER - 1)})


def test_a_number_with_its_own_bounds_keeps_them():
    assert Sample().fields["hours"].max_value == Decimal(48)
    assert "hours" in errors(hours="49")


def test_fields_added_after_the_form_is_built_are_bounded_too():
    form = Sample({"late": "\x00"})
    form.fields["late"] = forms.CharField()
    assert "late" in form.errors


def project_forms() -> list[type]:
    importlib.import_module(settings.ROOT_URLCONF)  # imports every view, hence every form
    found, todo = [], [forms.BaseForm]
    while todo:
        for subclass in todo.pop().__subclasses__():
            todo.append(subclass)
            if subclass.__module__.startswith("mutualis.") and ".tests." not in subclass.__module__:
                found.append(subclass)
    return found


# Django's login form; it checks NUL characters itself and compares the rest with the database.
LOGIN = "mutualis.accounts.forms.EmailLoginForm"


def bounds_its_inputs(form: type) -> bool:
    files_only = all(isinstance(field, forms.FileField) for field in form.base_fields.values())
    return issubclass(form, Form | ModelForm) or files_only or f"{form.__module__}.{form.__name__}" == LOGIN


def test_every_form_of_the_project_bounds_its_inputs():
    found = project_forms()
    assert len(found) > 50
    assert [f"{form.__module__}.{form.__name__}" for form in found if not bounds_its_inputs(form)] == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1 200", Decimal("1200")),
        ("1\u00a0200,50", Decimal("1200.50")),
        ("1\u202f200\u202f000", Decimal("1200000")),
        ("1 200,50", Decimal("1200.50")),
        ("1200.5", Decimal("1200.5")),
        ("3,45", Decimal("3.45")),
        (" -12 ", Decimal("-12")),
        (",5", Decimal("0.5")),
    ],
)
def test_an_amount_is_read_the_way_the_french_write_it(text, number):
    form = Sample({"amount": text})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == number


def test_a_count_takes_spaces_between_thousands():
    form = Sample({"count": "1 200"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["count"] == 1200


def test_a_count_refuses_a_decimal_part():
    assert errors(count="3,45")["count"] == ["Saisissez un nombre entier."]


@pytest.mark.parametrize(
    "text",
    [
        "1.200,50",  # both marks: a thousands point or a decimal one? Refused rather than guessed.
        "1,200.50",
        "12 00",  # spaces only between groups of three
        "1 2",
        "1__000",
        "1_000",
        "٣٩",  # Arabic-Indic digits, which int() and Decimal() would read
        "３９",  # full-width digits
        "1e3",
        "NaN",
        "12 €",
        ",",
    ],
)
def test_an_amount_that_is_not_a_french_number_is_refused(text):
    assert errors(amount=text)["amount"] == ["Saisissez un nombre."]


def test_non_ascii_digits_are_refused_in_a_count_too():
    assert "count" in errors(count="١٢")


def test_a_number_is_typed_in_a_text_input_with_the_digit_keyboard():
    form = Sample(initial={"amount": Decimal("1200.5"), "count": 3})
    amount, count = str(form["amount"]), str(form["count"])
    assert 'type="text"' in amount and 'inputmode="decimal"' in amount
    assert 'type="text"' in count and 'inputmode="numeric"' in count
    assert "1200,5" in amount
    assert 'step="' not in amount


def test_a_number_field_added_after_the_form_is_built_reads_french_numbers_too():
    form = Sample({"late": "2 500,5"})
    form.fields["late"] = forms.DecimalField()
    assert form.is_valid(), form.errors
    assert form.cleaned_data["late"] == Decimal("2500.5")
    assert 'inputmode="decimal"' in str(form["late"])


class Choosing(forms.Form):
    kind = forms.ChoiceField(choices=[("", "—"), ("a", "Commune"), ("b", "Syndicat <mixte>")], required=False)
    sectors = forms.MultipleChoiceField(choices=[("Nord", [("n1", "Nord 1"), ("n2", "Nord 2")]), ("s", "Sud")])


def test_a_select_writes_its_options_inline_as_django_would():
    select = get_default_renderer().get_template("django/forms/widgets/select.html")
    assert "mutualis/core/templates" in select.template.origin.name
    html = str(Choosing(initial={"kind": "b", "sectors": ["n2", "s"]})["kind"])
    assert html == (
        '<select name="kind" id="id_kind">\n'
        '  <option value="">—</option>\n'
        '  <option value="a">Commune</option>\n'
        '  <option value="b" selected>Syndicat &lt;mixte&gt;</option>\n'
        "</select>"
    )
    grouped = str(Choosing(initial={"sectors": ["n2", "s"]})["sectors"])
    assert '<optgroup label="Nord">' in grouped and '<option value="n2" selected>Nord 2</option>' in grouped
    assert '<option value="s" selected>Sud</option>' in grouped and "multiple" in grouped
