"""Charts drawn on the server as SVG with pygal, each beside the table of its numbers.

`line_chart(...)` and `bar_chart(...)` return a `Chart`: `svg` is the markup (no script, a
`<title>`, `role="img"` labelled by that title), `table` the same numbers as rows for the data
table that screen readers and the bilan PDF read. `{% load charts %}{% chart chart %}` shows
both (core/partials/chart.html). pygal puts one `<style>` inside the SVG: a page gives it the
request's CSP nonce (`Chart.inline`); the PDF takes it as it is.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pygal
from django.template.defaultfilters import floatformat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from pygal.etree import etree
from pygal.style import Style

from mutualis.core.templatetags.french import quantity

Number = int | float | Decimal

# Dark enough on white for lines and bars (at least 4.5:1), and told apart by more than hue:
# the targets are dashed.
COLOURS = ("#1d4ed8", "#b45309", "#047857", "#7c3aed", "#b91c1c", "#0f766e", "#4b5563")
STYLE = Style(
    # White under the labels too, so that they stay readable on a page in dark mode.
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1f2937",
    foreground_strong="#111827",
    foreground_subtle="#6b7280",
    opacity="0.85",
    opacity_hover="1",
    colors=COLOURS,
    font_family='system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    guide_stroke_color="#d1d5db",
    major_guide_stroke_color="#9ca3af",
    guide_stroke_dasharray="none",
    major_guide_stroke_dasharray="none",
    # Large, for the drawing is scaled down on a phone.
    label_font_size=18,
    major_label_font_size=18,
    legend_font_size=18,
    value_font_size=18,
)
SOLID = {"width": 3}
DASHED = {"width": 3, "dasharray": "8,5"}


@dataclass(frozen=True)
class Chart:
    title: str
    x_title: str
    x_labels: tuple[str, ...]
    series: tuple[tuple[str, tuple[Number | None, ...]], ...]
    unit: str
    money: bool
    svg: SafeString

    @property
    def table(self) -> tuple[list[str], list[list]]:
        """(headers, rows): one row per x label, its value in each series (None where there is none)."""
        headers = [self.x_title, *(label for label, _ in self.series)]
        rows = [[x, *(values[i] for _, values in self.series)] for i, x in enumerate(self.x_labels)]
        return headers, rows

    def inline(self, nonce: str | None) -> SafeString:
        """The SVG for a page whose Content-Security-Policy allows styles by this nonce."""
        if not nonce:
            return self.svg
        return mark_safe(self.svg.replace("<style ", f'<style nonce="{escape(nonce)}" ', 1))

    def format(self, value: Number | None) -> str:
        return formatted(value, self.unit, self.money)


def months(first: date, last: date) -> list[date]:
    """The first day of each month from `first`'s to `last`'s, both included: a monthly chart's
    x axis, where a month without rows still has its place."""
    index, end = first.year * 12 + first.month - 1, last.year * 12 + last.month - 1
    return [date(i // 12, i % 12 + 1, 1) for i in range(index, end + 1)]


def formatted(value: Number | None, unit: str = "", money: bool = False, whole: bool = False) -> str:
    """A value as the tables print it: French grouping and comma, euros to the cent (`whole`:
    without cents when there are none), "—" for none."""
    if money and value is not None:
        return f"{floatformat(value, '-2g' if whole else '2g')}\u00a0€"
    return quantity(value, unit)


def _accessible(title: str):
    """An xml filter: no script nor comment, nothing for the tooltips that scripts would move
    (its inline style would break the CSP), and the chart named by its title (the figure's caption
    shows it: pygal is given none to draw)."""

    def clean(root):
        for parent in list(root.iter()):
            for child in list(parent):
                if child.tag in ("script", etree.Comment) or "tooltip-overlay" in child.get("class", ""):
                    parent.remove(child)
        title_id = f"{root.get('id')}-title"
        element = next(child for child in root if child.tag == "title")
        element.text = title
        element.set("id", title_id)
        root.set("role", "img")
        root.set("aria-labelledby", title_id)
        return root

    return clean


def counting_ticks(series: Mapping[str, Sequence[Number | None]]) -> list[int] | None:
    """Whole ticks for counts (no "0,2 loan"); None lets pygal choose for other numbers."""
    values = [v for values in series.values() for v in values if v is not None]
    if not all(isinstance(v, int) for v in values):
        return None
    top = max(values, default=0) or 1
    step = -(-top // 8)
    return list(range(0, top + step, step))


def _draw(kind, title: str, x_labels, series, y_title: str, dashed, money: bool) -> str:
    x_labels = list(x_labels)
    chart = kind(
        y_title=y_title or None,
        x_labels=x_labels,
        y_labels=counting_ticks(series),
        x_label_rotation=30 if len(x_labels) > 6 else 0,
        truncate_label=-1,
        style=STYLE,
        js=[],
        disable_xml_declaration=True,
        width=640,
        height=330,
        legend_at_bottom=True,
        legend_at_bottom_columns=min(len(series), 3) or 1,
        include_x_axis=True,
        allow_interruptions=True,
        truncate_legend=-1,
        dots_size=4,
        # Axis ticks are round: euros without cents there.
        value_formatter=lambda value: formatted(value, money=money, whole=True),
    )
    # Named by what it draws, not at random: the same chart gives the same SVG, so a stored PDF
    # that shows it keeps its version (core/pdf.py).
    drawn = (kind.__name__, title, x_labels, list(series.items()), y_title, sorted(dashed), money)
    chart.uuid = hashlib.sha256(repr(drawn).encode()).hexdigest()[:32]
    chart.add_xml_filter(_accessible(title))
    for label, values in series.items():
        points = [None if v is None else float(v) for v in values]
        chart.add(label, points, stroke_style=DASHED if label in dashed else SOLID)
    return chart.render(is_unicode=True)


def _chart(kind, title, x_labels, series, y_title, x_title, unit, dashed, money) -> Chart:
    svg = _draw(kind, title, x_labels, series, y_title, dashed, money)
    return Chart(
        title=title,
        x_title=x_title,
        x_labels=tuple(str(x) for x in x_labels),
        series=tuple((label, tuple(values)) for label, values in series.items()),
        unit=unit,
        money=money,
        svg=mark_safe(svg),
    )


def line_chart(
    title: str,
    x_labels: Sequence,
    series: Mapping[str, Sequence[Number | None]],
    *,
    y_title: str = "",
    x_title: str = "",
    unit: str = "",
    money: bool = False,
    dashed: Sequence[str] = (),
) -> Chart:
    """A line per series over `x_labels` (None is a gap); the series named in `dashed` (a target) are dashed."""
    return _chart(pygal.Line, title, x_labels, series, y_title, x_title, unit, dashed, money)


def bar_chart(
    title: str,
    x_labels: Sequence,
    series: Mapping[str, Sequence[Number | None]],
    *,
    y_title: str = "",
    x_title: str = "",
    unit: str = "",
    money: bool = False,
) -> Chart:
    """Bars side by side, one per series, for each of `x_labels`."""
    return _chart(pygal.Bar, title, x_labels, series, y_title, x_title, unit, (), money)
