import io
from decimal import Decimal

import openpyxl
import tablib
from django.urls import reverse

from mutualis.purchasing.consolidation import consolidate
from mutualis.purchasing.tests.factories import NeedFactory
from mutualis.territory.tests.factories import OrganisationFactory


def test_quantities_by_member_and_total_per_article(consultation, articles, commune_a, commune_b):
    NeedFactory(article=articles[0], organisation=commune_a, quantity=Decimal("120"))
    NeedFactory(article=articles[0], organisation=commune_b, quantity=Decimal("80.5"))
    [lot] = consolidate(consultation).lots
    first = lot.articles[0]
    assert first.quantities == {commune_a.pk: Decimal("120"), commune_b.pk: Decimal("80.5")}
    assert first.total == Decimal("200.5")
    assert lot.articles[1].total == Decimal(0)


def test_estimated_amount_counts_the_needs_with_a_known_price(consultation, articles, commune_a, commune_b):
    NeedFactory(
        article=articles[0], organisation=commune_a, quantity=Decimal("3"), current_unit_price=Decimal("0.3333")
    )
    NeedFactory(article=articles[1], organisation=commune_b, quantity=Decimal("7"), current_unit_price=None)
    result = consolidate(consultation)
    # 3 × 0.3333 = 0.9999 → 1.00 a year; 48 months → 4.00
    assert result.lots[0].yearly_amount == Decimal("1.00")
    assert result.contract_amount == Decimal("4.00")


def test_consolidation_runs_the_same_queries_for_one_member_or_many(
    consultation, articles, commune_a, territory_a, django_assert_max_num_queries, query_count
):
    NeedFactory(article=articles[0], organisation=commune_a)
    one = query_count(lambda: consolidate(consultation))
    for _index in range(20):
        organisation = OrganisationFactory(territory=territory_a)
        NeedFactory(article=articles[0], organisation=organisation)
        NeedFactory(article=articles[1], organisation=organisation)
    assert query_count(lambda: consolidate(consultation)) == one


def test_consolidated_needs_export_as_xlsx(login, paula, consultation, articles, commune_a):
    NeedFactory(article=articles[0], organisation=commune_a, quantity=Decimal("120"), current_unit_price=Decimal("4"))
    response = login(paula).get(reverse("purchasing:consolidation", args=[consultation.pk]) + "?format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:5] == ["Lot", "Article", "Unité", "Adhérent", "Quantité par an"]
    assert rows[1][:5] == [1, "Ramette A4 80 g", "ramette", "Jouhe", 120]
    assert [row[1] for row in rows if row[1] == "Total de la consultation"] == ["Total de la consultation"]


def test_consolidated_needs_export_as_ods(login, paula, consultation, articles, commune_a):
    NeedFactory(article=articles[0], organisation=commune_a, quantity=Decimal("120"))
    response = login(paula).get(reverse("purchasing:consolidation", args=[consultation.pk]) + "?format=ods")
    dataset = tablib.Dataset().load(response.content, format="ods")
    assert dataset.headers[3] == "Adhérent"
    assert dataset[0][3] == "Jouhe"


def test_consolidation_page_lists_members_and_procedure(login, paula, consultation, articles, commune_a):
    NeedFactory(article=articles[0], organisation=commune_a, quantity=Decimal("120"))
    response = login(paula).get(reverse("purchasing:consolidation", args=[consultation.pk]))
    assert "Jouhe" in response.text
    assert "Marché sans publicité ni mise en concurrence préalable" in response.text


def test_consolidation_page_query_count_is_constant(
    login, paula, consultation, articles, commune_a, territory_a, query_count
):
    NeedFactory(article=articles[0], organisation=commune_a)
    client = login(paula)
    url = reverse("purchasing:consolidation", args=[consultation.pk])
    one = query_count(lambda: client.get(url))
    for _index in range(10):
        NeedFactory(article=articles[1], organisation=OrganisationFactory(territory=territory_a))
    assert query_count(lambda: client.get(url)) == one
