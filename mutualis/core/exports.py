"""Spreadsheet exports: every list offers CSV (French Excel: `;` and a UTF-8 BOM), XLSX and ODS.

Every file goes out through `export_response`, which escapes text cells first: a cell starting
with `=`, `+`, `-`, `@`, a tab or a carriage return is read by spreadsheets as a formula, so it
gets a leading apostrophe (formula injection; numbers, dates and booleans keep their type).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, time
from decimal import Decimal
from io import BytesIO

import tablib
from django.http import Http404, HttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
TYPED = (bool, int, float, Decimal, date, time)  # written as themselves; date covers datetime


def export_dataset(headers: Sequence[str], rows: Iterable[Sequence], title: str = "Export") -> tablib.Dataset:
    dataset = tablib.Dataset(headers=[str(h) for h in headers], title=title[:31])
    for row in rows:
        dataset.append(["" if value is None else value for value in row])
    return dataset


def safe_cell(value: object) -> object:
    """The value as a spreadsheet must receive it: typed values as they are, anything else as text
    that cannot start a formula."""
    if value is None:
        return ""
    if isinstance(value, TYPED):
        return value
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


def unescaped(text: str) -> str:
    """A cell read back from one of our exports: the apostrophe that guarded a formula prefix goes."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES) else text


def escaped(dataset: tablib.Dataset) -> tablib.Dataset:
    safe = tablib.Dataset(headers=[safe_cell(h) for h in dataset.headers or []], title=dataset.title)
    for row in dataset:
        safe.append([safe_cell(value) for value in row])
    return safe


def with_decimal_commas(dataset: tablib.Dataset) -> tablib.Dataset:
    """French Excel reads "12,50" as a number and "12.50" as text or a date."""
    french = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        french.append([str(v).replace(".", ",") if isinstance(v, Decimal | float) else v for v in row])
    return french


def xlsx_content(dataset: tablib.Dataset) -> bytes:
    """An XLSX sheet where every text cell is a string, whatever it looks like (openpyxl would
    otherwise type "=…" as a formula and "#N/A" as an error)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = re.sub(r"[\\*?:/\[\]]", "-", dataset.title or "Export")[:31]
    sheet.freeze_panes = "A2"
    for row in [dataset.headers or [], *dataset]:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
    for column in sheet.iter_cols():
        column[0].font = Font(bold=True)
        for cell in column:
            if isinstance(cell.value, str):
                cell.data_type = "s"
        width = max((len(str(cell.value)) for cell in column if cell.value is not None), default=0)
        sheet.column_dimensions[column[0].column_letter].width = min(width + 2, 60)
    stream = BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def export_response(dataset: tablib.Dataset, fmt: str, filename: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    dataset = escaped(dataset)
    if fmt == "csv":
        content: bytes = ("\ufeff" + with_decimal_commas(dataset).export("csv", delimiter=";")).encode("utf-8")
    elif fmt == "xlsx":
        content = xlsx_content(dataset)
    else:
        content = dataset.export(fmt)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
