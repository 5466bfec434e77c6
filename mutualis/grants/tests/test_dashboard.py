"""The fonds de concours' dashboard: the year's registered figures, the same by commune, by sector
and year by year, exports, and a bounded number of queries."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from mutualis.core.indicators import compute, registry
from mutualis.core.periods import year_span
from mutualis.grants.models import PaymentKind, Status
from mutualis.grants.tests.factories import ApplicationFactory, PaymentFactory, RulesFactory
from mutualis.territory.tests.factories import OrganisationFactory, SectorFactory

YEAR = 2025
URL = reverse("grants:dashboard") + f"?annee={YEAR}"


@pytest.fixture
def rules(territory_a):
    return RulesFactory(territory=territory_a, year=YEAR)


def grant(rules, organisation, amount, cost, status=Status.PAID, day=date(YEAR, 5, 4), **fields):
    return ApplicationFactory(rules=rules, organisation=organisation, status=status, submitted_on=day,
                              decided_on=day, granted_amount=Decimal(amount), cost_ht=Decimal(cost), other_subsidies=0,
                              **fields)  # fmt: skip


@pytest.fixture
def year_of_files(rules, territory_a, commune_a, commune_b):
    """Jouhe: two grants (1,000 € for 10,000 €, 3,000 € for 20,000 €) and a refusal; Foucherans, in
    the same sector, one grant of 2,000 € for 8,000 €, paid 600 € of advance; Parcey, in another
    sector, a file submitted the year before that lapsed this year."""
    grant(rules, commune_a, 1000, 10000)
    grant(rules, commune_a, 3000, 20000)
    ApplicationFactory(rules=rules, organisation=commune_a, status=Status.REFUSED, submitted_on=date(YEAR, 2, 1),
                       decided_on=date(YEAR, 3, 1))  # fmt: skip
    foucherans = grant(rules, commune_b, 2000, 8000, status=Status.GRANTED)
    PaymentFactory(application=foucherans, kind=PaymentKind.ADVANCE, amount=Decimal("600"), paid_on=date(YEAR, 9, 1))
    parcey = OrganisationFactory(territory=territory_a, name="Parcey", sector=SectorFactory(territory=territory_a))
    grant(rules, parcey, 500, 1000, status=Status.LAPSED, day=date(YEAR - 1, 3, 2), lapsed_on=date(YEAR, 3, 2))


def table(response, key):
    return {str(line.label): line for t in response.context["tables"] if t.key == key for line in t.lines}


def test_a_commune_secretary_may_not_open_the_dashboard(login, bob, rules):
    assert login(bob).get(URL).status_code == 403


def test_the_fonds_de_concours_manager_opens_it(login, gina, rules):
    assert login(gina).get(URL).status_code == 200


def test_the_dashboard_shows_every_registered_figure_of_the_year_as_computed(login, eve, territory_a, year_of_files):
    response = login(eve).get(URL)
    shown = {figure.key: figure.value for figure in response.context["figures"]}
    assert set(shown) == {key for key in registry if key.startswith("grants.")}
    for key, value in shown.items():
        assert value == compute(key, territory_a, *year_span(YEAR)), key
    assert shown["grants.amount_granted"] == Decimal("6000")


def test_the_commune_table_splits_the_figures_by_commune(login, eve, year_of_files):
    communes = table(login(eve).get(URL), "communes")
    jouhe, foucherans = communes["Jouhe"], communes["Foucherans"]
    assert (jouhe.filed, jouhe.granted, jouhe.refused, jouhe.amount_granted, jouhe.investment) == (3, 2, 1, 4000, 30000)
    assert jouhe.leverage == Decimal("7.5")
    assert (foucherans.granted, foucherans.paid, foucherans.leverage) == (1, Decimal("600"), Decimal("4.0"))
    assert (communes["Parcey"].filed, communes["Parcey"].lapsed) == (0, 1)


def test_the_sector_table_adds_up_the_communes_of_each_sector(login, eve, year_of_files, sector_a):
    sectors = table(login(eve).get(URL), "sectors")
    north = sectors[sector_a.name]
    assert (north.filed, north.granted, north.amount_granted, north.paid) == (4, 3, 6000, Decimal("600"))
    assert len(sectors) == 2


def test_the_year_table_counts_each_year_by_its_own_days(login, eve, year_of_files):
    years = table(login(eve).get(URL), "years")
    assert (years[str(YEAR)].filed, years[str(YEAR)].lapsed) == (4, 1)
    assert (years[str(YEAR - 1)].filed, years[str(YEAR - 1)].granted) == (1, 1)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "ods"])
def test_each_table_exports(login, eve, year_of_files, fmt):
    response = login(eve).get(URL + f"&export=communes&format={fmt}")
    assert response.status_code == 200
    assert f"fonds-de-concours-communes-{YEAR}.{fmt}" in response["Content-Disposition"]


def test_the_commune_export_has_a_row_per_commune(login, eve, year_of_files):
    content = login(eve).get(URL + "&export=communes&format=csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert rows[0][:3] == ["Commune", "Déposés", "Attribués"]
    assert [row[0] for row in rows[1:]] == ["Foucherans", "Jouhe", "Parcey"]


def test_an_unknown_export_is_not_found(login, eve, rules):
    assert login(eve).get(URL + "&export=nothing").status_code == 404


@pytest.mark.parametrize("files", [1, 50])
def test_the_dashboard_runs_the_same_queries_for_1_or_50_files(login, eve, rules, territory_a, query_count, files):
    for index in range(files):
        commune = OrganisationFactory(territory=territory_a, sector=SectorFactory(territory=territory_a))
        paid = grant(rules, commune, 1000 + index, 9000)
        PaymentFactory(application=paid, amount=Decimal("300"), paid_on=date(YEAR, 8, 1))
    client = login(eve)
    assert query_count(lambda: client.get(URL)) == 27
