"""`{% load lists %}`: pieces of the list pages."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()

# Query parameters that choose a page or a file, not rows.
NOT_FILTERS = {"page", "format"}


class FiltersNode(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: template.Context) -> SafeString:
        request = context.get("request")
        query = request.GET if request is not None else {}
        active = any(value for key, value in query.items() if key not in NOT_FILTERS)
        return format_html(
            '<details class="filter-fold" open{}><summary>{}</summary>{}</details>',
            mark_safe(" data-active") if active else "",
            _("Filtrer"),
            self.nodelist.render(context),
        )


@register.tag
def filters(parser: template.base.Parser, token: template.base.Token) -> FiltersNode:
    """`{% filters %}<form class="filters">…</form>{% endfilters %}`: the filter form folds under a
    "Filtrer" control on a narrow screen (mutualis.js), unless a filter is set. Rendered open, so
    that it stays open without JavaScript."""
    nodelist = parser.parse(("endfilters",))
    parser.delete_first_token()
    return FiltersNode(nodelist)
