"""The open data export (SCDL « Subventions » 2.1.1): the demo's 2020 validates against the schema
with frictionless; each row follows the file; the page asks for the territory's SIRET while it is missing."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from frictionless import Resource, Schema

from mutualis.grants import scdl
from mutualis.grants.models import PaymentKind, Status
from mutualis.grants.tests.factories import ApplicationFactory, PaymentFactory, RulesFactory
from mutualis.territory.models import Territory
from mutualis.territory.services import territory_siret_set

GRAND_DOLE_SIRET = "20001065000014"  # SIREN + a NIC with a valid key, for the test only
SIRET_A = "20000000100012"
YEAR = 2025
URL = reverse("grants:open_data") + f"?annee={YEAR}"


def validate(content: str, folder) -> list:
    (folder / "subventions.csv").write_text(content, encoding="utf-8")
    schema = Schema.from_descriptor(json.loads(scdl.SCHEMA.read_text(encoding="utf-8")))
    report = Resource(path="subventions.csv", basepath=str(folder), schema=schema).validate()
    return report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_demo_2020_export_validates_against_the_scdl_schema(db, settings, tmp_path, eve):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", stdout=io.StringIO())
    grand_dole = Territory.objects.get(siren="200010650")
    territory_siret_set(territory=grand_dole, siret=GRAND_DOLE_SIRET, by=eve)
    content = scdl.csv_content(grand_dole, 2020)
    assert validate(content, tmp_path) == []
    rows = list(csv.DictReader(io.StringIO(content)))
    assert len(rows) == 47
    assert sum(Decimal(row["montant"]) for row in rows) == 268913
    assert {row["idAttribuant"] for row in rows} == {GRAND_DOLE_SIRET}
    assert {row["conditionsVersement"] for row in rows} == {"unique", "échelonné"}


@pytest.fixture
def rules(territory_a):
    territory_a.siret = SIRET_A
    territory_a.save()
    return RulesFactory(territory=territory_a, year=YEAR, advance_rate=Decimal("30"))


def decided(rules, commune, status, **fields):
    values = {"decided_on": date(YEAR, 4, 2), "submitted_on": date(YEAR, 2, 1), **fields}
    return ApplicationFactory(rules=rules, organisation=commune, status=status, **values)


def test_the_export_lists_the_grants_of_the_year_still_granted_or_paid(rules, commune_a):
    granted = decided(rules, commune_a, Status.GRANTED)
    paid = decided(rules, commune_a, Status.PAID)
    decided(rules, commune_a, Status.LAPSED, lapsed_on=date(YEAR, 12, 1))
    decided(rules, commune_a, Status.REFUSED)
    decided(rules, commune_a, Status.GRANTED, decided_on=date(YEAR + 1, 1, 3))
    assert [application.pk for application in scdl.published(rules.territory, YEAR)] == [granted.pk, paid.pk]


def test_a_row_names_the_territory_the_commune_the_decision_and_the_amount(rules, commune_a):
    application = decided(rules, commune_a, Status.GRANTED, granted_amount=Decimal("8000.5"), title="x" * 200,
                          decision_reference="DEL-2025-004")  # fmt: skip
    (row,) = scdl.rows(rules.territory, YEAR)
    assert row["nomAttribuant"] == rules.territory.name
    assert row["idAttribuant"] == SIRET_A
    assert row["dateConvention"] == "2025-04-02"
    assert row["referenceDecision"] == "DEL-2025-004"
    assert (row["nomBeneficiaire"], row["idBeneficiaire"]) == ("Jouhe", "")
    assert row["objet"] == application.title
    assert row["montant"] == "8000.50"
    assert (row["nature"], row["notificationUE"], row["dispositifAide"]) == (
        "aide en numéraire",
        "non",
        "Fonds de concours",
    )
    assert row["pourcentageSubvention"] == "1.00"


def test_a_grant_not_paid_yet_runs_from_the_decision_to_the_works_deadline(rules, commune_a):
    decided(rules, commune_a, Status.GRANTED)
    (row,) = scdl.rows(rules.territory, YEAR)
    assert row["datesPeriodeVersement"] == "2025-04-02/2027-04-02"
    assert row["conditionsVersement"] == "échelonné"  # the year's rules plan an advance


def test_without_an_advance_in_the_rules_the_payment_is_single(rules, commune_a):
    rules.advance_rate = Decimal("0")
    rules.save()
    decided(rules, commune_a, Status.GRANTED)
    assert scdl.rows(rules.territory, YEAR)[0]["conditionsVersement"] == "unique"


def test_an_advance_and_a_balance_are_staged_from_the_first_to_the_last_payment(rules, commune_a):
    paid = decided(rules, commune_a, Status.PAID)
    PaymentFactory(application=paid, kind=PaymentKind.ADVANCE, paid_on=date(YEAR, 6, 1))
    PaymentFactory(application=paid, kind=PaymentKind.BALANCE, paid_on=date(YEAR + 1, 2, 3))
    (row,) = scdl.rows(rules.territory, YEAR)
    assert (row["conditionsVersement"], row["datesPeriodeVersement"]) == ("échelonné", "2025-06-01/2026-02-03")


def test_a_single_payment_gives_its_day(rules, commune_a):
    paid = decided(rules, commune_a, Status.PAID)
    PaymentFactory(application=paid, kind=PaymentKind.BALANCE, paid_on=date(YEAR, 9, 9))
    (row,) = scdl.rows(rules.territory, YEAR)
    assert (row["conditionsVersement"], row["datesPeriodeVersement"]) == ("unique", "2025-09-09")


def test_the_page_offers_the_csv_once_the_siret_is_known(login, eve, rules, commune_a, tmp_path):
    decided(rules, commune_a, Status.GRANTED)
    response = login(eve).get(URL + "&format=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"200000001_subventions_fonds_de_concours_{YEAR}.csv" in response["Content-Disposition"]
    assert validate(response.content.decode("utf-8"), tmp_path) == []


def test_a_commune_secretary_may_not_open_the_open_data_page(login, bob, rules):
    assert login(bob).get(URL).status_code == 403


def test_without_a_siret_the_page_says_so_and_the_coordination_enters_it(login, eve, territory_a):
    client = login(eve)
    response = client.get(URL)
    assert "Le SIRET du territoire manque" in response.content.decode()
    assert response.context["siret_form"] is not None
    assert client.get(URL + "&format=csv").status_code == 302
    response = client.post(reverse("grants:territory_siret") + f"?annee={YEAR}", {"siret": "200 000 001 00012"})
    assert response.status_code == 302
    territory_a.refresh_from_db()
    assert territory_a.siret == SIRET_A


def test_a_manager_who_is_not_the_coordination_is_asked_to_turn_to_it(login, gina, territory_a):
    content = login(gina).get(URL).content.decode()
    assert "Demandez à la coordination de le renseigner." in content
    assert login(gina).post(reverse("grants:territory_siret"), {"siret": SIRET_A}).status_code == 403


def test_a_wrong_siret_is_refused_next_to_the_field(login, eve, territory_a):
    response = login(eve).post(reverse("grants:territory_siret"), {"siret": "20000000100013"})
    assert response.status_code == 200
    assert response.context["siret_form"].errors["siret"]


def test_the_siret_must_begin_with_the_territorys_siren(eve, territory_a):
    with pytest.raises(ValidationError, match="SIREN du territoire"):
        territory_siret_set(territory=territory_a, siret=GRAND_DOLE_SIRET, by=eve)
