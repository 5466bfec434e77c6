"""`{{ widget.optgroups|options }}`: a select's options written in Python. Django renders a template
per <option>, and another for its attributes: half the time of a form with a few organisation pickers."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()


def _attributes(attrs: dict) -> SafeString:
    return format_html_join(
        "", "{}", ((format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
                   for name, value in attrs.items() if value is not False)
    )  # fmt: skip


def _option(option: dict) -> SafeString:
    return format_html(
        '\n  <option value="{}"{}>{}</option>', str(option["value"]), _attributes(option["attrs"]), option["label"]
    )


@register.filter
def options(optgroups: list) -> SafeString:
    html = []
    for group_name, group_choices, _index in optgroups:
        written = SafeString("".join(_option(option) for option in group_choices))
        html.append(
            format_html('\n  <optgroup label="{}">{}\n  </optgroup>', group_name, written) if group_name else written
        )
    return SafeString("".join(html))
