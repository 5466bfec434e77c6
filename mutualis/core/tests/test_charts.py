"""Charts drawn on the server: SVG without script, named by its title, beside the same numbers."""

import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

from django.template import Context, Template
from django.test import RequestFactory

from mutualis.core.charts import bar_chart, line_chart, months

SVG = "{http://www.w3.org/2000/svg}"


def loans() -> object:
    return bar_chart("Prêts par mois", ["01/2026", "02/2026"], {"Prêts": [3, 1200]}, x_title="Mois")


def test_the_svg_parses_as_xml_and_is_an_image_named_by_its_title():
    root = ET.fromstring(loans().svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title.text == "Prêts par mois"
    assert root.get("aria-labelledby") == title.get("id")


def test_the_same_chart_draws_the_same_svg_and_another_chart_another_id():
    """A stored PDF showing a chart keeps its version only if the SVG does (core/pdf.py)."""
    other = bar_chart("Prêts par mois", ["01/2026", "02/2026"], {"Prêts": [3, 1201]}, x_title="Mois")
    assert loans().svg == loans().svg
    assert ET.fromstring(loans().svg).get("id") != ET.fromstring(other.svg).get("id")


def test_the_svg_carries_no_script_no_inline_style_attribute_and_no_comment():
    svg = loans().svg
    root = ET.fromstring(svg)
    assert not root.findall(f".//{SVG}script")
    assert not [element for element in root.iter() if element.get("style") is not None]
    assert "<!--" not in svg


def test_the_data_table_holds_the_series():
    chart = line_chart(
        "Indicateur", ["2025", "2026"], {"Valeur": [Decimal("4.5"), None], "Objectif": [4, 6]}, x_title="Année"
    )
    assert chart.table == (["Année", "Valeur", "Objectif"], [["2025", Decimal("4.5"), 4], ["2026", None, 6]])


def test_axis_labels_are_written_the_french_way():
    root = ET.fromstring(loans().svg)
    labels = {text.text for text in root.iter(f"{SVG}text")}
    assert "1\N{NO-BREAK SPACE}200" in labels


def test_money_is_written_to_the_cent_with_its_sign():
    chart = bar_chart("Coûts", ["2026"], {"Coûts": [Decimal("1234.5")]}, money=True)
    assert chart.format(Decimal("1234.5")) == "1\N{NO-BREAK SPACE}234,50\N{NO-BREAK SPACE}€"
    assert chart.format(None) == "—"


def test_a_target_series_is_dashed():
    chart = line_chart("Indicateur", ["2025"], {"Valeur": [1], "Objectif": [2]}, dashed=["Objectif"])
    assert "stroke-dasharray:8,5" in chart.svg


def test_on_a_page_the_style_carries_the_requests_nonce():
    request = RequestFactory().get("/")
    request.csp_nonce = "n0nce"
    html = Template("{% load charts %}{% chart chart %}").render(Context({"chart": loans(), "request": request}))
    assert '<style nonce="n0nce" ' in html
    assert "<figcaption>Prêts par mois</figcaption>" in html
    assert "Voir les données" in html
    assert '<td class="number">1\N{NO-BREAK SPACE}200</td>' in html


def test_months_run_from_the_first_to_the_last_both_included():
    assert months(date(2025, 11, 15), date(2026, 2, 1)) == [
        date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)
    ]  # fmt: skip


def test_counts_have_whole_ticks():
    root = ET.fromstring(bar_chart("Prêts par mois", ["01/2026", "02/2026"], {"Prêts": [0, 2]}).svg)
    labels = {text.text for text in root.iter(f"{SVG}text")}
    assert {"0", "1", "2"} <= labels
    assert not [label for label in labels if label and "," in label]
