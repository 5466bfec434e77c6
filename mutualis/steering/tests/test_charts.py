"""The schéma's trends drawn: the same numbers as the tables, on the pages and in the bilan."""

import subprocess
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from mutualis.billing.tests.factories import ChargeFactory
from mutualis.steering.charts import indicator_chart
from mutualis.steering.figures import balances
from mutualis.steering.models import CostLine, IndicatorDefinition
from mutualis.steering.services import manual_value_set, target_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def definition(action):
    definition = IndicatorDefinition.objects.create(action=action, label="Communes équipées", unit="communes")
    for year, value in ((2021, 2), (2022, 5), (2026, 20)):
        target_set(definition=definition, year=year, value=value)
    manual_value_set(definition=definition, year=2022, value=Decimal("6"), source="Enquête")
    return definition


def test_the_indicator_chart_shows_each_year_of_the_scheme_against_its_target(definition):
    chart = indicator_chart(definition, date(2026, 3, 18))
    headers, rows = chart.table
    assert headers == ["Année", "Valeur", "Objectif"]
    assert [row[0] for row in rows] == ["2021", "2022", "2023", "2024", "2025", "2026"]
    assert rows[1] == ["2022", Decimal("6"), Decimal("5")]
    assert rows[0] == ["2021", None, Decimal("2")]
    assert ET.fromstring(chart.svg).find("{http://www.w3.org/2000/svg}title").text.startswith("Communes équipées")


def test_the_indicator_chart_has_no_result_for_a_year_not_begun(definition):
    manual_value_set(definition=definition, year=2026, value=Decimal("9"), source="Prévision")
    assert indicator_chart(definition, date(2025, 6, 1)).table[1][-1] == ["2026", None, Decimal("20")]


def test_the_indicator_page_shows_the_chart(login, eve, definition):
    response = login(eve).get(reverse("steering:indicator_detail", args=[definition.pk]))
    html = response.content.decode()
    assert 'role="img"' in html
    assert "Communes équipées : valeur et objectif par année" in html


def test_the_action_chart_gives_the_costs_and_revenues_of_the_tables(login, eve, action, territory_a, commune_a):
    CostLine.objects.create(action=action, year=2025, label="Nacelle", amount=Decimal("1500.00"))
    ChargeFactory(organisation=commune_a, date=date(2025, 6, 1), quantity=1, unit_price=Decimal("250.00"))
    response = login(eve).get(reverse("steering:action_detail", args=[action.pk]), {"year": 2025})
    headers, rows = response.context["balance_chart"].table
    assert headers == ["Année", "Coûts déclarés", "Recettes facturées"]
    money = balances([action], 2025)[action.pk]
    assert ["2025", money.costs, money.revenues] in rows
    assert money.costs == Decimal("1500.00")
    assert "Action 3 : coûts et recettes par année" in response.content.decode()


def test_the_bilan_pdf_draws_the_charts(login, eve, scheme, definition, tmp_path):
    response = login(eve).get(reverse("steering:report_pdf", args=[scheme.pk]), {"year": 2025})
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "bilan.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    assert "Communes équipées : valeur et objectif par année" in text
    assert "coûts et recettes par année" in text
