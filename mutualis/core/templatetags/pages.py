"""`{% load pages %}`: pieces of base.html that read the page itself."""

from django import template
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def page_title(context: template.Context) -> SafeString:
    """The page's `{% block title %}` a second time (Django allows a block once per template), for
    the last breadcrumb: every page names itself once, in its title."""
    blocks = context.render_context.get(BLOCK_CONTEXT_KEY)
    block = blocks.get_block("title") if blocks else None
    # A block renders escaped text: it stays safe.
    return mark_safe(block.render(context).strip()) if block else mark_safe("")
