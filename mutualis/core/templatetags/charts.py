"""`{% load charts %}{% chart chart %}`: a chart of `core.charts` as a figure with its data table."""

from django import template

from mutualis.core.charts import Chart

register = template.Library()


@register.inclusion_tag("core/partials/chart.html", takes_context=True)
def chart(context, chart: Chart, open_table: bool = False) -> dict:
    request = context.get("request")
    return {"chart": chart, "svg": chart.inline(getattr(request, "csp_nonce", None)), "open_table": open_table}


@register.simple_tag
def chart_value(chart: Chart, value) -> str:
    return chart.format(value)
