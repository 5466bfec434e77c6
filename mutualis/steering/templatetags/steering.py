from datetime import date
from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def state_on(milestone, today: date) -> str:
    return milestone.state_on(today)


@register.filter
def state_label(milestone, today: date) -> str:
    return milestone.state_label_on(today)


@register.filter
def money(value: Decimal | None) -> str:
    """Euros with two decimals in the current locale; nothing to show is "—"."""
    return "—" if value is None else floatformat(value, "2g")


@register.filter
def figure(value) -> str:
    """A figure or a ratio; a ratio that means nothing (over zero) is "—"."""
    return "—" if value is None else floatformat(value, "-2g")
