"""What every spreadsheet import shares: read, preview, keep until confirmed.

An import is all or nothing, in three steps. `read_rows` turns an uploaded CSV, XLSX or ODS
file into text rows, or rejects it as a whole (unreadable, too big, missing columns). The
domain compares each row with the database and builds an `ImportPreview`: per row, what it
would create or change (`Change`, old → new), or its errors. `PendingImport` keeps the rows
of a valid preview in the session under a digest that the confirm form sends back, so that
only the preview the user saw is applied; the domain's service then validates the rows again
and writes them in one transaction.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from enum import StrEnum
from itertools import islice
from pathlib import PurePath
from typing import Any, ClassVar
from xml.etree.ElementTree import iterparse

import openpyxl
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutualis.core.exports import unescaped

MAX_FILE_SIZE = 5 * 1024 * 1024
# XLSX and ODS files are zip archives: what they declare once uncompressed is checked before
# anything is parsed, and parsing stops at the row cap, so that time and memory stay bounded.
MAX_UNCOMPRESSED_SIZE = 20 * 1024 * 1024
MAX_ROWS = 5000
# Lines read, empty ones included: a spreadsheet's gaps are read one empty row at a time.
MAX_LINES = 20 * MAX_ROWS
# Columns read in a spreadsheet; the known headers are looked for among them.
MAX_COLUMNS = 100
# Row errors listed in a preview or a refusal; the others are counted.
MAX_LISTED_ERRORS = 50
FORMATS = ("csv", "xlsx", "ods")
TOO_MANY_ROWS = gettext_lazy(
    "Le fichier compte plus de 5 000 lignes : un import en compte 5 000 au plus, découpez le fichier."
)
ASCII_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")


class RowAction(StrEnum):
    # Each import names the action in its preview (`RowPreview.action_labels`): the French
    # participle agrees with the domain's noun ("commune créée", "matériel créé").
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"


@dataclass
class Row:
    """A data line of the file as text by column; `number` is its line in the file (the header is line 1)."""

    number: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "")


@dataclass
class Change:
    field: str
    label: str
    old: str
    new: str


@dataclass
class RowPreview:
    """What one row would do: create (no `existing` row), update (`changes`), nothing, or its errors.

    A domain subclass names the row in the preview table (`cells`, under the preview's
    `headers`) and the actions (`action_labels`).
    """

    row: Row
    values: dict[str, Any]
    errors: list[str] = field(default_factory=list)
    existing: Model | None = None
    changes: list[Change] = field(default_factory=list)

    action_labels: ClassVar[dict[RowAction, str]] = {}

    @property
    def cells(self) -> list[str]:
        raise NotImplementedError

    @property
    def action(self) -> RowAction | None:
        if self.errors:
            return None
        if self.existing is None:
            return RowAction.CREATE
        return RowAction.UPDATE if self.changes else RowAction.UNCHANGED

    @property
    def action_label(self) -> str:
        return str(self.action_labels[self.action]) if self.action else ""


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


@dataclass
class ImportPreview:
    rows: list[RowPreview]
    headers: Sequence[str]

    @property
    def is_valid(self) -> bool:
        return not self.error_count

    @property
    def error_count(self) -> int:
        return sum(1 for line in self.rows if line.errors)

    @property
    def totals(self) -> ImportResult:
        counts = Counter(line.action for line in self.rows)
        return ImportResult(
            created=counts[RowAction.CREATE], updated=counts[RowAction.UPDATE], unchanged=counts[RowAction.UNCHANGED]
        )

    @property
    def listed_rows(self) -> list[RowPreview]:
        """The rows the preview table shows: all of them, or if any is wrong the first wrong ones."""
        if self.is_valid:
            return self.rows
        return list(islice((line for line in self.rows if line.errors), MAX_LISTED_ERRORS))

    @property
    def unlisted_error_count(self) -> int:
        return max(self.error_count - MAX_LISTED_ERRORS, 0)

    @property
    def unlisted_errors_message(self) -> str:
        return _("… et %(count)s autres lignes refusées.") % {"count": self.unlisted_error_count}

    def raise_errors(self) -> None:
        """Raise the row errors as one ValidationError, each message prefixed with its line.

        Only the errors of the first `MAX_LISTED_ERRORS` wrong rows are listed, then how many rows are left.
        """
        if not self.is_valid:
            errors = [
                _("Ligne %(number)s : %(error)s") % {"number": line.row.number, "error": error}
                for line in self.listed_rows
                for error in line.errors
            ]
            if self.unlisted_error_count:
                errors.append(self.unlisted_errors_message)
            raise ValidationError(errors)


# ---------------------------------------------------------------- reading the file


def read_rows(
    uploaded_file: UploadedFile,
    *,
    required: Sequence[str],
    optional: Sequence[str] = (),
    multiline: Sequence[str] = (),
    empty_message: str,
) -> list[Row]:
    """The non-empty lines of the file, or a ValidationError about the file as a whole.

    Columns are found by their header, in any order and case; unknown columns are ignored.
    Control characters are refused in every cell, except tabs and line breaks in the
    `multiline` columns. A file of more than `MAX_ROWS` lines is refused.
    """
    extension = PurePath(uploaded_file.name or "").suffix.lower().lstrip(".")
    if extension not in FORMATS:
        raise ValidationError(_("Format non pris en charge : déposez un fichier CSV, XLSX ou ODS."))
    if uploaded_file.size > MAX_FILE_SIZE:
        raise ValidationError(_("Le fichier dépasse la taille maximale de 5 Mo."))
    lines = _lines(uploaded_file.read(), extension)
    headers = [cell_text(header).lower() for header in next(lines, (1, []))[1]]
    missing = [column for column in required if column not in headers]
    if missing:
        raise ValidationError(
            _("Colonnes manquantes : %(columns)s. La première ligne doit nommer les colonnes %(required)s.")
            % {"columns": ", ".join(missing), "required": ", ".join(required)}
        )
    known = [(index, header) for index, header in enumerate(headers) if header in (*required, *optional)]
    rows: list[Row] = []
    refused: list[str] = []
    for number, line in lines:
        values = {header: cell_text(line[index]) if index < len(line) else "" for index, header in known}
        for header in multiline:
            if header in values:
                values[header] = values[header].replace("\r\n", "\n").replace("\r", "\n")
        if not any(values.values()):
            continue
        if len(rows) == MAX_ROWS:
            raise ValidationError(TOO_MANY_ROWS)
        for header, text in values.items():
            if _has_control_character(text, header in multiline):
                refused.append(_("ligne %(number)s, colonne %(column)s") % {"number": number, "column": header})
        rows.append(Row(number, values))
    if refused:
        shown = refused[:MAX_LISTED_ERRORS]
        more = len(refused) - len(shown)
        raise ValidationError(
            _(
                "Le fichier contient des caractères de contrôle (caractère nul, saut de page…) qui ne sont pas "
                "du texte : %(places)s%(more)s. Retirez-les et déposez de nouveau le fichier."
            )
            % {"places": " ; ".join(shown), "more": _(" et %(count)s autres") % {"count": more} if more else ""}
        )
    if not rows:
        raise ValidationError(empty_message)
    return rows


def _has_control_character(text: str, multiline: bool) -> bool:
    allowed = "\t\n" if multiline else ""
    return any(unicodedata.category(char) == "Cc" and char not in allowed for char in text)


def _lines(content: bytes, extension: str) -> Iterator[tuple[int, Sequence[object]]]:
    """The file's lines as (number, cells), read as they are iterated; the header first.

    Empty lines may be left out, the numbers still count them.
    """
    try:
        if extension == "csv":
            yield from enumerate(_csv_lines(content), start=1)
        else:
            archive = _archive(content, extension)
            yield from _xlsx_lines(archive) if extension == "xlsx" else _ods_lines(zipfile.ZipFile(archive))
    except ValidationError:
        raise
    except Exception:  # each format's reader has its own errors for a damaged file
        raise ValidationError(
            _(
                "Le fichier n'a pas pu être lu comme un fichier %(format)s : vérifiez qu'il n'est pas endommagé "
                "et que chaque ligne a autant de cellules que l'en-tête."
            )
            % {"format": extension.upper()}
        ) from None


def _csv_lines(content: bytes) -> Iterator[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _("Le fichier CSV n'est pas encodé en UTF-8 : enregistrez-le au format « CSV UTF-8 ».")
        ) from None
    header = text.partition("\n")[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    width = None
    for line in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        if width is None:
            width = len(line)
        elif len(line) > width:  # a shorter line lacks its last cells, a longer one is misaligned
            raise ValueError("a line has more cells than the header")
        yield line


def _archive(content: bytes, extension: str) -> io.BytesIO:
    """The spreadsheet's zip archive, refused if it would take more than `MAX_UNCOMPRESSED_SIZE` once open.

    zipfile never inflates a member past its declared size, so the declared sizes are a bound.
    """
    archive = io.BytesIO(content)
    if sum(member.file_size for member in zipfile.ZipFile(archive).infolist()) > MAX_UNCOMPRESSED_SIZE:
        raise ValidationError(
            _(
                "Le fichier %(format)s occuperait plus de 20 Mo une fois décompressé : "
                "un import compte 5 000 lignes au plus, découpez le fichier."
            )
            % {"format": extension.upper()}
        )
    return archive


def _xlsx_lines(archive: io.BytesIO) -> Iterator[tuple[int, tuple]]:
    # openpyxl yields an empty row for each row missing between two rows of the sheet; given no
    # bounds, it would read the whole sheet first to find them.
    book = openpyxl.load_workbook(archive, read_only=True, data_only=True)
    rows = book.active.iter_rows(max_row=MAX_LINES + 1, max_col=MAX_COLUMNS, values_only=True)
    try:
        for number, line in enumerate(rows, start=1):
            if number > MAX_LINES:
                raise ValidationError(TOO_MANY_ROWS)
            yield number, line
    finally:
        book.close()


ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
ODS_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _ods_lines(archive: zipfile.ZipFile) -> Iterator[tuple[int, list[object]]]:
    """The first sheet's non-empty rows, parsed as a stream and left out of the tree once read.

    A repeated row is yielded as many times as it is repeated (the reader stops at the row cap);
    repeated empty rows (a sheet often ends with a million of them) only move the line number.
    """
    tables = 0
    number = 0
    parents = []
    with archive.open("content.xml") as content:
        for event, element in iterparse(content, events=("start", "end")):
            if event == "start":
                parents.append(element)
                tables += element.tag == f"{ODS_TABLE}table"
                continue
            parents.pop()
            if tables != 1:
                if tables > 1:
                    return
                continue
            if element.tag != f"{ODS_TABLE}table-row":
                continue
            cells = _ods_cells(element)
            repeat = int(element.get(f"{ODS_TABLE}number-rows-repeated", "1"))
            parents[-1].remove(element)
            if not cells:
                number += repeat
                continue
            for _index in range(repeat):
                number += 1
                yield number, cells


def _ods_cells(row) -> list[object]:
    cells: list[object] = []
    for cell in row:
        if cell.tag not in (f"{ODS_TABLE}table-cell", f"{ODS_TABLE}covered-table-cell"):
            continue
        repeat = min(int(cell.get(f"{ODS_TABLE}number-columns-repeated", "1")), MAX_COLUMNS - len(cells))
        cells.extend([_ods_value(cell)] * repeat)
        if len(cells) >= MAX_COLUMNS:
            break
    while cells and cells[-1] in ("", None):
        cells.pop()
    return cells


def _ods_value(cell) -> object:
    kind = cell.get(f"{ODS_OFFICE}value-type")
    if kind in ("float", "percentage", "currency"):
        return float(cell.get(f"{ODS_OFFICE}value"))
    if kind == "date":
        return cell.get(f"{ODS_OFFICE}date-value", "").replace("T", " ")
    return "\n".join(_ods_text(paragraph) for paragraph in cell.iter(f"{ODS_TEXT}p"))


def _ods_text(element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{ODS_TEXT}s":
            parts.append(" " * int(child.get(f"{ODS_TEXT}c", "1")))
        elif child.tag == f"{ODS_TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{ODS_TEXT}line-break":
            parts.append("\n")
        else:
            parts.append(_ods_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def cell_text(cell: object) -> str:
    """A cell as text: spreadsheets give numbers (827 or 827.0) where a CSV file has '827';
    a text our exports guarded against formulas ("'=…") comes back as it was written."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return unescaped(str(cell).strip())


def decimal_of(text: str) -> Decimal | None:
    """A number written with ASCII digits, a decimal comma or point, spaces between thousands
    and an optional €; None if the text is not one ("１２" is not: look-alike digits are refused)."""
    number = re.sub(r"[\s€]", "", text).replace(",", ".")
    return Decimal(number) if ASCII_NUMBER.fullmatch(number) else None


class ImportFileForm(forms.Form):
    """The upload form; a subclass gives the file field its label and help text and reads it with `read`."""

    file = forms.FileField()
    read: ClassVar[Callable[[UploadedFile], list[Row]]]

    def clean_file(self) -> list[Row]:
        return type(self).read(self.cleaned_data["file"])


# ---------------------------------------------------------------- checking rows


def clean_values(
    row: Row, cleaners: Sequence[tuple[str, str | None, Callable[[str], Any]]]
) -> tuple[dict[str, Any], list[str]]:
    """The row's values ready to write (None for a cell left empty or wrong), and its errors.

    Each cleaner is (column, label if the value is required else None, function from the
    cell's text to the value, raising ValidationError).
    """
    values: dict[str, Any] = dict.fromkeys(column for column, _label, _clean in cleaners)
    errors: list[str] = []
    for column, required_label, clean in cleaners:
        text = row.get(column)
        if not text:
            if required_label:
                errors.append(_("%(label)s : valeur manquante.") % {"label": required_label})
            continue
        try:
            values[column] = clean(text)
        except ValidationError as error:
            errors.extend(error.messages)
    return values, errors


def flag_duplicates(
    lines: list[RowPreview],
    key: Callable[[RowPreview], Hashable | None],
    message: Callable[[RowPreview, int], str],
) -> None:
    """Add an error to every row whose key (None: no key) an earlier row already has.

    `message` gets the row and the number of the first row with its key ("same as line 2").
    """
    first: dict[Hashable, int] = {}
    for line in lines:
        if (line_key := key(line)) is None:
            continue
        if line_key in first:
            line.errors.append(message(line, first[line_key]))
        else:
            first[line_key] = line.row.number


def changes_of(instance: Model, values: dict[str, Any], fields: Sequence[str]) -> list[Change]:
    """The fields a row changes, in the order given; a cell left empty (None) keeps the current value."""
    changes = []
    for name in fields:
        old, new = getattr(instance, name), values[name]
        if new is not None and old != new:
            model_field = instance._meta.get_field(name)
            label = str(model_field.verbose_name)
            changes.append(Change(name, label, _shown(model_field, old), _shown(model_field, new)))
    return changes


def _shown(model_field: Any, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    return str(value)


# ---------------------------------------------------------------- from preview to confirmation


def rows_digest(rows: list[dict]) -> str:
    return hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()


class PendingImport:
    """The rows of a valid preview, kept in the session until the user confirms them.

    `scope` (the territory, the organisation…) says where they were previewed: a confirm
    sent from anywhere else, or with another digest, finds nothing.
    """

    def __init__(self, request: HttpRequest, key: str, **scope: int) -> None:
        self.session = request.session
        self.key = key
        self.scope = scope

    def keep(self, rows: list[Row], preview: ImportPreview) -> str:
        """Keep the rows if the preview has no error (else forget any earlier ones); return their digest."""
        pending = [asdict(row) for row in rows]
        digest = rows_digest(pending)
        if preview.is_valid:
            self.session[self.key] = {**self.scope, "digest": digest, "rows": pending}
        else:
            self.session.pop(self.key, None)
        return digest

    def take(self, digest: str | None) -> list[Row] | None:
        """The rows kept under this digest and scope, removed from the session; None if there are none."""
        pending = self.session.get(self.key)
        if not pending or any(pending.get(name) != value for name, value in self.scope.items()):
            return None
        if pending["digest"] != digest:
            return None
        del self.session[self.key]
        return [Row(**row) for row in pending["rows"]]


def report_refused(request: HttpRequest, error: ValidationError) -> None:
    """Tell why nothing was imported when the rows no longer pass at confirmation."""
    messages.error(request, _("Rien n'a été importé : le territoire a changé depuis l'aperçu."))
    for message in error.messages:
        messages.error(request, message)


NO_PREVIEW = gettext_lazy("Aucun aperçu à confirmer : déposez de nouveau le fichier.")
