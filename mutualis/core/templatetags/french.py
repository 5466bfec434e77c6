"""`{% load french %}`: "de" and "à" before a name (`{{ organisation.name|de }}` is "d'Archelange"),
and quantities with their unit (`{{ hours|quantity:"h" }}` is "1 200,5 h")."""

from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat
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
    places = min(3, max(0, -Decimal(str(value)).normalize().as_tuple().exponent))
    number = floatformat(value, f"{places}g")
    return f"{number}\u00a0{unit}" if unit else number
