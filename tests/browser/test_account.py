"""The mayor reads the commune's account: what it paid by month, each month's statement, what it
received, its adhesions and conventions; at desk width and on a phone."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from mutualis.billing.tests.factories import ChargeFactory
from mutualis.equipment.models import LoanStatus
from mutualis.equipment.tests.factories import ItemFactory, LoanFactory, RequestFactory
from mutualis.territory.models import Service

pytestmark = pytest.mark.browser


@pytest.fixture
def year_of_jouhe(commune_a, commune_b, frozen_clock):
    year = date.today().year
    for month, amount, service in [(1, "120.00", Service.REPLACEMENT), (2, "35.50", Service.EQUIPMENT)]:
        ChargeFactory(
            organisation=commune_a, date=date(year, month, 10), quantity=Decimal("1"), unit_price=Decimal(amount),
            service=service,
        )  # fmt: skip
    item = ItemFactory(owner=commune_b, name="Remorque plateau", declared_value=Decimal("2400.00"))
    returned = date(year, 1, 20)
    request = RequestFactory(item=item, borrower=commune_a, start=returned - timedelta(days=2), end=returned)
    LoanFactory(request=request, status=LoanStatus.RETURNED, checked_out_on=request.start, checked_in_on=returned)
    return year


def test_the_mayor_reads_what_the_commune_pays_and_receives(
    page, live_server, login_as, check_a11y, screenshot, alice, commune_a, year_of_jouhe
):
    login_as(page, alice)
    page.goto(f"{live_server.url}/territoire/organisations/{commune_a.pk}/")
    page.get_by_role("link", name="Ce que l'organisation paie et reçoit, année par année").click()
    page.get_by_role("heading", name=f"Compte de {commune_a.name}, {year_of_jouhe}").wait_for()
    paid = page.get_by_role("table", name=f"Montants facturés par mois et par service en {year_of_jouhe} (€)")
    assert "155,50" in paid.inner_text().replace("\u202f", " ").replace("\xa0", " ")
    received = page.get_by_role("table", name=f"Services reçus en {year_of_jouhe}")
    assert "Prêts de matériel reçus" in received.inner_text()
    check_a11y(page)
    screenshot(page, "commune-account")

    page.set_viewport_size({"width": 390, "height": 844})
    check_a11y(page)
    screenshot(page, "commune-account-390")
    page.set_viewport_size({"width": 1280, "height": 800})

    page.get_by_role("link", name="Voir le relevé de janvier").first.click()
    page.get_by_role("heading", name=f"Relevé de {commune_a.name}").first.wait_for()
    check_a11y(page)
