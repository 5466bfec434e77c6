import csv
import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
import tablib
from django.urls import reverse

from mutualis.billing.models import ChargeStatus
from mutualis.billing.services import charge_cancel
from mutualis.billing.tests.factories import ChargeFactory
from mutualis.steering.tests.factories import ActionFactory, SchemeFactory
from mutualis.territory.models import Service

URL = reverse("billing:charge_list")


def labels(response) -> set[str]:
    return {charge.label for charge in response.context["page"]}


@pytest.fixture
def ledger(commune_a, commune_b, eve):
    """Known data: three months, two services, two communes, one cancelled charge."""
    ChargeFactory(organisation=commune_a, label="Nacelle janvier", date=date(2025, 1, 10),
                  quantity=Decimal("2"), unit_price=Decimal("45.00"))  # fmt: skip
    ChargeFactory(organisation=commune_b, label="Nacelle février", date=date(2025, 2, 3),
                  quantity=Decimal("1"), unit_price=Decimal("45.00"))  # fmt: skip
    ChargeFactory(organisation=commune_a, label="Remplacement février", date=date(2025, 2, 28),
                  service=Service.REPLACEMENT,
                  quantity=Decimal("7.5"), unit_price=Decimal("28.40"))  # fmt: skip
    ChargeFactory(organisation=commune_b, label="Remplacement mars", date=date(2025, 3, 1),
                  service=Service.REPLACEMENT,
                  quantity=Decimal("3"), unit_price=Decimal("28.40"))  # fmt: skip
    charge_cancel(
        charge=ChargeFactory(organisation=commune_a, label="Doublon", date=date(2025, 3, 5)), reason="Doublon", by=eve
    )


def test_filter_by_organisation(login, eve, ledger, commune_b):
    response = login(eve).get(URL, {"organisation": commune_b.pk})
    assert labels(response) == {"Nacelle février", "Remplacement mars"}


def test_filter_by_service(login, eve, ledger):
    response = login(eve).get(URL, {"service": Service.REPLACEMENT})
    assert labels(response) == {"Remplacement février", "Remplacement mars"}


@pytest.fixture
def schemes(territory_a):
    """Equipment is action 3 of the 2021-2024 schéma, then action 1 of the 2025-2030 one."""
    ActionFactory(scheme=SchemeFactory(territory=territory_a, start_year=2021, end_year=2024), number=3,
                  title="Mettre en commun le matériel", service=Service.EQUIPMENT)  # fmt: skip
    later = SchemeFactory(territory=territory_a, start_year=2025, end_year=2030)
    ActionFactory(scheme=later, number=1, title="Partager le matériel", service=Service.EQUIPMENT)
    ActionFactory(scheme=later, number=6, title="Remplacement", service=Service.REPLACEMENT)


def test_filter_by_action_reads_the_scheme_in_force_on_the_charge_date(login, eve, ledger, schemes, commune_a):
    ChargeFactory(organisation=commune_a, label="Nacelle 2024", date=date(2024, 12, 31))
    assert labels(login(eve).get(URL, {"action": 1})) == {"Nacelle janvier", "Nacelle février", "Doublon"}
    assert labels(login(eve).get(URL, {"action": 3})) == {"Nacelle 2024"}


def test_the_action_filter_offers_the_territory_actions_titled_as_in_the_latest_scheme(login, eve, schemes):
    form = login(eve).get(URL).context["form"]
    assert form.fields["action"].choices[1:] == [(1, "1. Partager le matériel"), (3, "3. Mettre en commun le matériel"),
                                                 (6, "6. Remplacement")]  # fmt: skip


def test_each_line_shows_the_number_of_its_action(login, eve, ledger, schemes):
    content = login(eve).get(URL, {"service": Service.REPLACEMENT}).content.decode()
    assert '<abbr title="Remplacement">6</abbr>' in content


def test_filter_by_months_includes_the_whole_last_month(login, eve, ledger):
    response = login(eve).get(URL, {"month_from": "2025-02", "month_to": "2025-02"})
    assert labels(response) == {"Nacelle février", "Remplacement février"}


def test_filter_by_status(login, eve, ledger):
    assert labels(login(eve).get(URL, {"status": ChargeStatus.CANCELLED})) == {"Doublon"}


def test_end_month_before_start_month_is_an_error_next_to_the_field(login, eve, ledger):
    response = login(eve).get(URL, {"month_from": "2025-03", "month_to": "2025-01"})
    assert "month_to" in response.context["form"].errors


def test_bob_is_offered_only_the_organisations_he_sees(login, bob, ledger, commune_a):
    form = login(bob).get(URL).context["form"]
    assert list(form.fields["organisation"].queryset) == [commune_a]


def test_totals_by_service_sum_posted_charges_of_the_filtered_set(login, eve, ledger):
    response = login(eve).get(URL)
    totals = {row["service"]: (row["total"], row["count"]) for row in response.context["by_service"]}
    assert totals == {
        Service.EQUIPMENT: (Decimal("135.00"), 2),
        Service.REPLACEMENT: (Decimal("298.20"), 2),
    }
    assert response.context["total"] == Decimal("433.20")


def test_totals_by_month_sum_posted_charges_of_the_filtered_set(login, eve, ledger, commune_a):
    response = login(eve).get(URL, {"organisation": commune_a.pk})
    totals = [(row["month"], row["total"]) for row in response.context["by_month"]]
    assert totals == [(date(2025, 1, 1), Decimal("90.00")), (date(2025, 2, 1), Decimal("213.00"))]


def test_totals_appear_on_the_page_in_french(login, eve, ledger):
    content = login(eve).get(URL).content.decode()
    assert "433,20" in content
    assert "février 2025" in content  # months are written one way, also at the start of a row


def test_htmx_request_gets_only_the_results(login, eve, ledger):
    content = login(eve).get(URL, headers={"HX-Request": "true"}).content.decode()
    assert 'id="results"' in content
    assert "<html" not in content


def test_csv_export_is_semicolon_separated_with_bom_and_french_titles(login, eve, ledger, commune_b):
    response = login(eve).get(URL, {"organisation": commune_b.pk, "format": "csv"})
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["Date du service", "Organisation facturée", "Code INSEE"]
    assert rows[0][8] == "Montant (€)"
    assert sorted(row[5] for row in rows[1:]) == ["Nacelle février", "Remplacement mars"]


def test_xlsx_export_reopens_with_amounts_as_numbers(login, eve, ledger):
    response = login(eve).get(URL, {"format": "xlsx", "status": ChargeStatus.POSTED})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=1, column=9).value == "Montant (€)"
    amounts = [sheet.cell(row=r, column=9).value for r in range(2, sheet.max_row + 1)]
    assert sorted(amounts) == [45, 85.2, 90, 213]


def test_ods_export_reopens(login, eve, ledger):
    response = login(eve).get(URL, {"format": "ods"})
    dataset = tablib.Dataset().load(response.content, format="ods")
    assert "Doublon" in dataset["Libellé"]


def test_bob_exports_only_his_commune(login, bob, ledger):
    response = login(bob).get(URL, {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert {sheet.cell(row=r, column=2).value for r in range(2, sheet.max_row + 1)} == {"Jouhe"}


def test_list_is_paginated(login, eve, commune_a):
    ChargeFactory.create_batch(51, organisation=commune_a)
    response = login(eve).get(URL, {"page": 2})
    assert len(response.context["page"]) == 1


def test_query_count_does_not_grow_with_charges(login, eve, commune_a, commune_b, schemes, query_count):
    client = login(eve)
    ChargeFactory(organisation=commune_a)
    with_one = query_count(lambda: client.get(URL))
    ChargeFactory.create_batch(15, organisation=commune_a)
    ChargeFactory.create_batch(14, organisation=commune_b, service=Service.HELPDESK, date=date(2025, 4, 2))
    assert query_count(lambda: client.get(URL)) == with_one


def test_export_query_count_does_not_grow_with_charges(login, eve, commune_a, schemes, query_count):
    client = login(eve)
    ChargeFactory(organisation=commune_a)
    with_one = query_count(lambda: client.get(URL, {"format": "csv"}))
    ChargeFactory.create_batch(29, organisation=commune_a)
    assert query_count(lambda: client.get(URL, {"format": "csv"})) == with_one


def test_a_month_past_year_9999_is_an_error_next_to_the_field(login, eve, ledger):
    response = login(eve).get(URL, {"month_from": "2025-01", "month_to": "9999-12"})
    assert response.status_code == 200
    assert "month_to" in response.context["form"].errors
