"""Query-string numbers and years: anything malformed or out of range gives the default."""

import pytest
from django.test import RequestFactory

from mutualis.core.params import int_param, year_param


def get(**params):
    return RequestFactory().get("/", params)


@pytest.mark.parametrize("text", ["", "abc", "1.5", " 12", "３９", "1_0", "99999999999999999999999", "\x00"])
def test_a_malformed_integer_gives_the_default(text):
    assert int_param(get(n=text), "n", 7, 0, 100) == 7


@pytest.mark.parametrize(("text", "value"), [("0", 0), ("100", 100), ("-1", 7), ("101", 7)])
def test_an_integer_counts_only_within_its_bounds(text, value):
    assert int_param(get(n=text), "n", 7, 0, 100) == value


def test_a_missing_integer_gives_the_default():
    assert int_param(get(), "n", 7, 0, 100) == 7


@pytest.mark.parametrize("text", ["0", "-1", "1", "1899", "2200", "9999", "10000"])
def test_a_year_off_the_calendar_gives_the_default(text):
    assert year_param(get(annee=text), "annee", 2026) == 2026


def test_a_year_within_the_calendar_is_read():
    assert year_param(get(annee="2031"), "annee", 2026) == 2031


def test_a_year_outside_the_caller_bounds_gives_the_default():
    assert year_param(get(annee="1999"), "annee", 2026, 2000, 2100) == 2026
