"""An organisation's monthly statement: its posted charges of one month (one service or all),
on screen, as CSV and as PDF."""

import csv
import io
import subprocess
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from mutualis.billing.services import charge_cancel
from mutualis.billing.tests.factories import ChargeFactory
from mutualis.territory.models import Service

URL = "billing:statement"


@pytest.fixture
def charges(commune_a, commune_b, sam):
    """Commune A in March 2025: two replacement lines and an equipment one; one cancelled line,
    one line in April and one of commune B that the statement leaves out."""
    replacement = {"service": Service.REPLACEMENT}
    ChargeFactory(organisation=commune_a, date=date(2025, 3, 3), label="Heures du 03/03", quantity=Decimal("14"),
                  unit_price=Decimal("25.00"), **replacement)  # fmt: skip
    ChargeFactory(organisation=commune_a, date=date(2025, 3, 31), label="Déplacements du 31/03",
                  quantity=Decimal("28.125"), unit_price=Decimal("0.33"), **replacement)  # fmt: skip
    ChargeFactory(organisation=commune_a, date=date(2025, 3, 14), label="Prêt de remorque")
    charge_cancel(charge=ChargeFactory(organisation=commune_a, date=date(2025, 3, 20), label="Erreur", **replacement),
                  reason="Saisie en double", by=sam)  # fmt: skip
    ChargeFactory(organisation=commune_a, date=date(2025, 4, 1), label="Heures d'avril", **replacement)
    ChargeFactory(organisation=commune_b, date=date(2025, 3, 3), label="Heures de B", **replacement)


def get(client, organisation, **params):
    return client.get(reverse(URL, args=[organisation.pk]), params)


def test_the_statement_lists_the_month_of_one_service(login, alice, commune_a, charges):
    response = get(login(alice), commune_a, month="2025-03", service="replacement")
    assert [c.label for c in response.context["charges"]] == ["Heures du 03/03", "Déplacements du 31/03"]
    assert response.context["total"] == Decimal("359.28")  # 350.00 + 9.28


def test_without_a_service_every_service_is_listed(login, alice, commune_a, charges):
    response = get(login(alice), commune_a, month="2025-03")
    assert len(response.context["charges"]) == 3
    assert response.context["total"] == Decimal("390.28")


def test_the_csv_reopens_with_french_columns_and_decimal_commas(login, bob, commune_a, charges):
    response = get(login(bob), commune_a, month="2025-03", service="replacement", format="csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["Date du service", "Organisation facturée"]
    assert [row[8] for row in rows[1:]] == ["350,00", "9,28"]
    assert 'filename="releve-39270-2025-03.csv"' in response["Content-Disposition"]


def test_the_pdf_shows_the_lines_and_the_total(login, alice, commune_a, charges, tmp_path):
    response = get(login(alice), commune_a, month="2025-03", service="replacement", format="pdf")
    pdf = tmp_path / "statement.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Relevé de Jouhe, mars 2025" in text
    assert "Heures du 03/03" in text and "Montant total du mois : 359,28 €" in text
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-singlefile", str(pdf), str(tmp_path / "page")], check=True)
    assert (tmp_path / "page.png").stat().st_size > 1000


def test_another_organisation_gets_403(login, charlie, commune_a, charges):
    assert get(login(charlie), commune_a, month="2025-03").status_code == 403


def test_the_queries_do_not_grow_with_the_lines(login, alice, commune_a, query_count):
    client = login(alice)
    ChargeFactory(organisation=commune_a, date=date(2025, 3, 3))
    client.get(reverse(URL, args=[commune_a.pk]), {"month": "2025-03"})
    one = query_count(lambda: client.get(reverse(URL, args=[commune_a.pk]), {"month": "2025-03"}))
    ChargeFactory.create_batch(20, organisation=commune_a, date=date(2025, 3, 5))
    assert query_count(lambda: client.get(reverse(URL, args=[commune_a.pk]), {"month": "2025-03"})) == one


def test_a_month_out_of_range_shows_the_current_month_with_an_error(login, alice, commune_a, charges):
    response = get(login(alice), commune_a, month="9999-12")
    assert response.status_code == 200
    assert "month" in response.context["form"].errors
