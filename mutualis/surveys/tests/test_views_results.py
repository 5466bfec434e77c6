import io

import pytest
import tablib
from django.urls import reverse
from odf.opendocument import load
from odf.table import Table, TableCell, TableRow
from odf.text import P
from openpyxl import load_workbook

from mutualis.surveys import services


@pytest.fixture
def answered(answer):
    answer(single=0, multiple=[0, 1], scale=5, text="Un broyeur partagé")
    answer(single=1, multiple=[0], scale=4)
    answer(single=2, multiple=[2], scale=4)


def test_the_coordinator_sees_counts_percentages_and_free_texts(login, eve, survey, answered):
    html = login(eve).get(reverse("surveys:survey_results", args=[survey.pk])).content.decode()
    assert "33,4 %" in html and "33,3 %" in html
    assert "moyenne 4,33" in html
    assert "Un broyeur partagé" in html
    assert "<dt>Taux de réponse</dt><dd>100,0 %</dd>" in html


def test_the_page_says_multiple_choice_percentages_do_not_add_up_to_100(login, eve, survey, answered):
    html = login(eve).get(reverse("surveys:survey_results", args=[survey.pk])).content.decode()
    assert "leur total peut dépasser 100 %" in html
    assert "Part des répondants" in html


def test_members_see_a_closed_surveys_results_without_free_texts(login, alice, eve, survey, answered):
    services.survey_close(survey=survey, by=eve)
    response = login(alice).get(reverse("surveys:survey_results", args=[survey.pk]))
    html = response.content.decode()
    assert "33,4 %" in html
    assert "Un broyeur partagé" not in html
    assert "réservées à la coordination" in html


def test_members_cannot_export_the_answers_one_by_one(login, alice, eve, survey, answered):
    services.survey_close(survey=survey, by=eve)
    response = login(alice).get(
        reverse("surveys:survey_results", args=[survey.pk]), {"table": "responses", "format": "csv"}
    )
    assert "Un broyeur partagé" not in response.content.decode("utf-8-sig")


def test_the_summary_exports_to_csv_with_french_headers_and_decimal_commas(login, eve, survey, answered):
    response = login(eve).get(reverse("surveys:survey_results", args=[survey.pk]), {"format": "csv"})
    dataset = tablib.Dataset().load(response.content.decode("utf-8-sig"), format="csv", delimiter=";")
    assert dataset.headers == ["Question", "Réponse", "Nombre", "Pourcentage", "Répondants à la question"]
    assert list(dataset[0]) == ["Votre commune a-t-elle un agent technique ?", "Oui, à temps plein", "1", "33,4", "3"]


def test_the_responses_export_to_xlsx_one_row_per_response(login, eve, survey, answered, questions):
    response = login(eve).get(
        reverse("surveys:survey_results", args=[survey.pk]), {"table": "responses", "format": "xlsx"}
    )
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][1:] == ("Organisation", "Rôle", questions["single"].text, "Quels besoins ?",
                           "Intérêt pour la mutualisation", "Autre chose ?")  # fmt: skip
    assert len(rows) == 4
    assert rows[1][4:] == ("Matériel ; Remplacement", "5", "Un broyeur partagé")


def test_the_summary_exports_to_ods(login, eve, survey, answered):
    response = login(eve).get(reverse("surveys:survey_results", args=[survey.pk]), {"format": "ods"})
    table = load(io.BytesIO(response.content)).spreadsheet.getElementsByType(Table)[0]
    header = [
        str(cell.getElementsByType(P)[0]) for cell in table.getElementsByType(TableRow)[0].getElementsByType(TableCell)
    ]
    assert header[:2] == ["Question", "Réponse"]


def test_the_results_page_runs_the_same_queries_for_few_or_many_answers(login, eve, survey, answer, query_count):
    answer()
    client = login(eve)
    url = reverse("surveys:survey_results", args=[survey.pk])
    one = query_count(lambda: client.get(url))
    for _ in range(10):
        answer(text="encore")
    assert query_count(lambda: client.get(url)) == one
