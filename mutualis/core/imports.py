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

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import PurePath
from typing import Any, ClassVar

import tablib
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Model
from django.http import HttpRequest
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_FILE_SIZE = 5 * 1024 * 1024
FORMATS = ("csv", "xlsx", "ods")


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

    def raise_errors(self) -> None:
        """Raise every row error as one ValidationError, each message prefixed with its line."""
        if not self.is_valid:
            raise ValidationError(
                [
                    _("Ligne %(number)s : %(error)s") % {"number": line.row.number, "error": error}
                    for line in self.rows
                    for error in line.errors
                ]
            )


# ---------------------------------------------------------------- reading the file


def read_rows(
    uploaded_file: UploadedFile, *, required: Sequence[str], optional: Sequence[str] = (), empty_message: str
) -> list[Row]:
    """The non-empty lines of the file, or a ValidationError about the file as a whole.

    Columns are found by their header, in any order and case; unknown columns are ignored.
    """
    extension = PurePath(uploaded_file.name or "").suffix.lower().lstrip(".")
    if extension not in FORMATS:
        raise ValidationError(_("Format non pris en charge : déposez un fichier CSV, XLSX ou ODS."))
    if uploaded_file.size > MAX_FILE_SIZE:
        raise ValidationError(_("Le fichier dépasse la taille maximale de 5 Mo."))
    dataset = _load(uploaded_file.read(), extension)
    headers = [cell_text(header).lower() for header in dataset.headers or []]
    missing = [column for column in required if column not in headers]
    if missing:
        raise ValidationError(
            _("Colonnes manquantes : %(columns)s. La première ligne doit nommer les colonnes %(required)s.")
            % {"columns": ", ".join(missing), "required": ", ".join(required)}
        )
    known = [(index, header) for index, header in enumerate(headers) if header in (*required, *optional)]
    rows = []
    for number, line in enumerate(dataset, start=2):
        values = {header: cell_text(line[index]) for index, header in known}
        if any(values.values()):
            rows.append(Row(number, values))
    if not rows:
        raise ValidationError(empty_message)
    return rows


def _load(content: bytes, extension: str) -> tablib.Dataset:
    source: bytes | str = content
    options = {}
    if extension == "csv":
        try:
            source = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(
                _("Le fichier CSV n'est pas encodé en UTF-8 : enregistrez-le au format « CSV UTF-8 ».")
            ) from None
        header = source.partition("\n")[0]
        options["delimiter"] = ";" if header.count(";") > header.count(",") else ","
    try:
        return tablib.Dataset().load(source, format=extension, **options)
    except Exception:  # each format's reader has its own errors for a damaged file
        raise ValidationError(
            _(
                "Le fichier n'a pas pu être lu comme un fichier %(format)s : vérifiez qu'il n'est pas endommagé "
                "et que chaque ligne a autant de cellules que l'en-tête."
            )
            % {"format": extension.upper()}
        ) from None


def cell_text(cell: object) -> str:
    """A cell as text: spreadsheets give numbers (827 or 827.0) where a CSV file has '827'."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return str(cell).strip()


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
    message: Callable[[RowPreview, str], str],
) -> None:
    """Add an error to every row sharing its key (None: no key) with other rows.

    `message` gets the row and the list of the rows sharing its key ("2 et 4").
    """
    numbers: dict[Hashable, list[str]] = defaultdict(list)
    for line in lines:
        if (line_key := key(line)) is not None:
            numbers[line_key].append(str(line.row.number))
    for line in lines:
        duplicates = numbers.get(key(line), [])
        if len(duplicates) > 1:
            line.errors.append(message(line, get_text_list(duplicates, _("et"))))


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
