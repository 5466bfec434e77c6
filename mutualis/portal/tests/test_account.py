"""The commune's account: what an organisation pays and receives in a year, for its mayor and
secretary, and for the coordination for any organisation."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mutualis.billing.services import charge_cancel
from mutualis.billing.tests.factories import ChargeFactory
from mutualis.equipment.models import LoanStatus
from mutualis.equipment.tests.factories import ItemFactory, LoanFactory, RequestFactory
from mutualis.territory.models import Role, Service
from mutualis.territory.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

YEAR = 2025


def account_url(organisation, year=YEAR):
    return reverse("portal:account", args=[organisation.pk]) + f"?annee={year}"


def charge(organisation, day: date, amount: str, service=Service.EQUIPMENT, **fields):
    return ChargeFactory(
        organisation=organisation, date=day, quantity=Decimal("1"), unit_price=Decimal(amount), service=service,
        **fields,
    )  # fmt: skip


def borrowed_loan(borrower, owner, returned_on: date, value: str):
    item = ItemFactory(owner=owner, declared_value=Decimal(value))
    request = RequestFactory(item=item, borrower=borrower, start=returned_on - timedelta(days=3), end=returned_on)
    return LoanFactory(
        request=request, status=LoanStatus.RETURNED, checked_out_on=request.start, checked_in_on=returned_on
    )


def test_the_mayor_reads_what_the_commune_paid_by_month_and_service(client, alice, commune_a):
    charge(commune_a, date(YEAR, 3, 14), "40.00")
    charge(commune_a, date(YEAR, 3, 20), "100.00", service=Service.REPLACEMENT)
    charge(commune_a, date(YEAR, 5, 2), "2.50")
    charge(commune_a, date(YEAR + 1, 1, 2), "999.00")  # another year
    charge_cancel(charge=charge(commune_a, date(YEAR, 6, 1), "77.00"), reason="Erreur de saisie", by=alice)
    client.force_login(alice)
    page = client.get(account_url(commune_a))
    assert page.status_code == 200
    payments = page.context["payments"]
    assert payments["total"] == Decimal("142.50")
    assert [row["month"] for row in payments["months"]] == [date(YEAR, 3, 1), date(YEAR, 5, 1)]
    assert [row["total"] for row in payments["months"]] == [Decimal("140.00"), Decimal("2.50")]
    assert sum(payments["service_totals"]) == payments["total"]
    assert f"{reverse('billing:statement', args=[commune_a.pk])}?month={YEAR}-03&amp;format=pdf" in page.text


def test_the_secretary_reads_her_commune_s_account_and_not_another_s(client, bob, commune_a, commune_b):
    client.force_login(bob)
    assert client.get(account_url(commune_a)).status_code == 200
    assert client.get(account_url(commune_b)).status_code == 403


def test_an_agent_of_the_commune_does_not_read_its_account(client, commune_a):
    agent = UserFactory()
    MembershipFactory(user=agent, organisation=commune_a, role=Role.AGENT)
    client.force_login(agent)
    assert client.get(account_url(commune_a)).status_code == 403


def test_the_coordination_reads_any_organisation_s_account(client, eve, commune_b):
    charge(commune_b, date(YEAR, 2, 1), "12.00")
    client.force_login(eve)
    page = client.get(account_url(commune_b))
    assert page.status_code == 200
    assert page.context["payments"]["total"] == Decimal("12.00")


def test_another_territory_gets_a_404(client, oscar, commune_a):
    client.force_login(oscar)
    assert client.get(account_url(commune_a)).status_code == 404


def test_what_the_commune_received_is_valued_where_the_service_knows_a_value(client, alice, commune_a, commune_b):
    borrowed_loan(commune_a, commune_b, date(YEAR, 4, 10), "1200.00")
    borrowed_loan(commune_b, commune_a, date(YEAR, 4, 10), "500.00")  # lent, not received
    client.force_login(alice)
    page = client.get(account_url(commune_a))
    lines = {line.label: line for group in page.context["received"] for line in group.lines}
    assert lines["Prêts de matériel reçus"].quantity == 1
    assert lines["Prêts de matériel reçus"].value == Decimal("1200.00")
    assert page.context["received_value"] == Decimal("1200.00")


def test_the_year_is_chosen_in_the_address(client, alice, commune_a, commune_b):
    borrowed_loan(commune_a, commune_b, date(YEAR, 4, 1), "1")
    client.force_login(alice)
    assert client.get(account_url(commune_a, YEAR)).context["received"]
    assert not client.get(account_url(commune_a, YEAR - 1)).context["received"]


def test_the_account_lists_the_adhesions_and_conventions_in_force(client, alice, commune_a, epci_a):
    from mutualis.agreements.models import Instrument
    from mutualis.agreements.services import adhesion_create

    adhesion_create(
        organisation=commune_a, service=Service.REPLACEMENT, start=date(YEAR, 1, 1),
        convention_instrument=Instrument.INDIVIDUAL_SECONDMENT, object="Remplacement",
    )  # fmt: skip
    client.force_login(alice)
    page = client.get(account_url(commune_a))
    assert [adhesion.service for adhesion in page.context["adhesions"]] == [Service.REPLACEMENT]
    assert len(page.context["conventions"]) == 1
    assert not client.get(account_url(commune_a, YEAR - 1)).context["adhesions"]


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_account_costs_the_same_queries_for_1_or_50_rows_per_service(login, alice, commune_a, commune_b):
    def add(count):
        for n in range(count):
            charge(commune_a, date(YEAR, 1 + n % 12, 1), "1.00", service=[Service.EQUIPMENT, Service.HELPDESK][n % 2])
            borrowed_loan(commune_a, commune_b, date(YEAR, 1 + n % 12, 3), "10")

    client = login(alice)
    add(1)
    few = queries_for(client, account_url(commune_a))
    add(49)
    assert queries_for(client, account_url(commune_a)) == few


def test_the_organisation_page_links_to_its_account_for_those_who_may_read_it(client, alice, charlie, commune_a):
    client.force_login(alice)
    page = client.get(reverse("territory:organisation_detail", args=[commune_a.pk]))
    assert reverse("portal:account", args=[commune_a.pk]) in page.text
    client.force_login(charlie)
    page = client.get(reverse("territory:organisation_detail", args=[commune_a.pk]))
    assert reverse("portal:account", args=[commune_a.pk]) not in page.text


def test_the_charge_list_links_to_the_acting_organisation_s_statement_for_all_services(client, alice, commune_a):
    client.force_login(alice)
    page = client.get(reverse("billing:charge_list"))
    assert f'href="{reverse("billing:statement", args=[commune_a.pk])}"' in page.text
