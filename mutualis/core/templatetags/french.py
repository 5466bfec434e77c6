"""`{% load french %}`: "de" and "à" before a name (`{{ organisation.name|de }}` is "d'Archelange"),
quantities with their unit (`{{ hours|quantity:"h" }}` is "1 200,5 h"), unit prices ("12,50") and
months written one way (`{{ day|month }}` is "mars 2026")."""

from datetime import date
from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat
from django.utils import formats
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from mutualis.core import french

register = template.Library()


@register.filter(is_safe=True)
def de(name: object) -> SafeString:
    # The name is escaped first, so that the article's apostrophe stays one.
    return mark_safe(french.de(conditional_escape(name)))


@register.filter(is_safe=True)
def a(name: object) -> SafeString:
    return mark_safe(french.a(conditional_escape(name)))


@register.filter
def quantity(value: Decimal | float | int | None, unit: str = "") -> str:
    """A quantity in the current locale, thousands grouped, no trailing zeros (three decimals at
    most), then its unit after a no-break space; nothing to show is "—"."""
    if value is None or value == "":
        return "—"
    number = _grouped(value, fewest=0, most=3)
    return f"{number}\u00a0{unit}" if unit else number


@register.filter
def unit_price(value: Decimal | None) -> str:
    """A unit price in the current locale: two decimals at least, four at most ("12,50", "0,0125")."""
    return "—" if value is None or value == "" else _grouped(value, fewest=2, most=4)


def _grouped(value: Decimal | float | int, fewest: int, most: int) -> str:
    """`value` with thousands grouped and as many decimals as it has, within [fewest, most]."""
    places = min(most, max(fewest, -Decimal(str(value)).normalize().as_tuple().exponent))
    return floatformat(value, f"{places}g")


@register.filter
def month(day: date | None) -> str:
    """The month of `day`, the one way months are written: "mars 2026" (the locale's YEAR_MONTH_FORMAT)."""
    return formats.date_format(day, "YEAR_MONTH_FORMAT") if day else ""
