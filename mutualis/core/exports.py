"""Spreadsheet exports: every list offers CSV (French Excel: `;` and a UTF-8 BOM), XLSX and ODS."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

import tablib
from django.http import Http404, HttpResponse

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


def export_dataset(headers: Sequence[str], rows: Iterable[Sequence], title: str = "Export") -> tablib.Dataset:
    dataset = tablib.Dataset(headers=[str(h) for h in headers], title=title[:31])
    for row in rows:
        dataset.append(["" if value is None else value for value in row])
    return dataset


def with_decimal_commas(dataset: tablib.Dataset) -> tablib.Dataset:
    """French Excel reads "12,50" as a number and "12.50" as text or a date."""
    french = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        french.append([str(v).replace(".", ",") if isinstance(v, Decimal | float) else v for v in row])
    return french


def export_response(dataset: tablib.Dataset, fmt: str, filename: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    if fmt == "csv":
        content: bytes = ("\ufeff" + with_decimal_commas(dataset).export("csv", delimiter=";")).encode("utf-8")
    else:
        content = dataset.export(fmt)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
