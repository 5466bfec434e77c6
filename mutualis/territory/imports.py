"""Import of the official commune list (INSEE code, name, postal code, population, EPCI SIREN).

All or nothing, in three steps: `parse_commune_file` reads a CSV, XLSX or ODS file and rejects
it as a whole (unreadable, missing columns); `validate_rows` compares every row with the
territory's communes and says what it would create or change, or what is wrong with it;
`communes_import` writes, and only when no row has an error.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import PurePath
from typing import Any

import tablib
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutualis.accounts.models import User
from mutualis.territory.models import Organisation, OrganisationKind, Sector, Territory, search_key

MAX_FILE_SIZE = 5 * 1024 * 1024
FORMATS = ("csv", "xlsx", "ods")
REQUIRED_COLUMNS = ("insee_code", "name", "postal_code", "population", "epci_siren")
OPTIONAL_COLUMNS = ("latitude", "longitude", "sector")
# The organisation fields an import writes, in the order the preview lists their changes.
FIELDS = ("name", "postal_code", "population", "latitude", "longitude", "sector")

INSEE_CODE = re.compile(r"\d{5}|2[AB]\d{3}")
POSTAL_CODE = re.compile(r"\d{5}")
POPULATION = re.compile(r"\d{1,9}")
COORDINATE_STEP = Decimal("0.00001")


class RowAction(models.TextChoices):
    CREATE = "create", gettext_lazy("créée")
    UPDATE = "update", gettext_lazy("mise à jour")
    UNCHANGED = "unchanged", gettext_lazy("inchangée")


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
    row: Row
    values: dict[str, Any]
    errors: list[str] = field(default_factory=list)
    organisation: Organisation | None = None
    changes: list[Change] = field(default_factory=list)

    @property
    def insee_code(self) -> str:
        return self.row.get("insee_code")

    @property
    def name(self) -> str:
        return self.row.get("name")

    @property
    def action(self) -> RowAction | None:
        if self.errors:
            return None
        if self.organisation is None:
            return RowAction.CREATE
        return RowAction.UPDATE if self.changes else RowAction.UNCHANGED


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


@dataclass
class ImportPreview:
    rows: list[RowPreview]

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


def parse_commune_file(uploaded_file: UploadedFile) -> list[Row]:
    """The non-empty lines of the file, or a ValidationError about the file as a whole."""
    extension = PurePath(uploaded_file.name or "").suffix.lower().lstrip(".")
    if extension not in FORMATS:
        raise ValidationError(_("Format non pris en charge : déposez un fichier CSV, XLSX ou ODS."))
    if uploaded_file.size > MAX_FILE_SIZE:
        raise ValidationError(_("Le fichier dépasse la taille maximale de 5 Mo."))
    dataset = _load(uploaded_file.read(), extension)
    headers = [_text(header).lower() for header in dataset.headers or []]
    missing = [column for column in REQUIRED_COLUMNS if column not in headers]
    if missing:
        raise ValidationError(
            _("Colonnes manquantes : %(columns)s. La première ligne doit nommer les colonnes %(required)s.")
            % {"columns": ", ".join(missing), "required": ", ".join(REQUIRED_COLUMNS)}
        )
    known = [(index, header) for index, header in enumerate(headers) if header in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    rows = []
    for number, line in enumerate(dataset, start=2):
        values = {header: _text(line[index]) for index, header in known}
        if any(values.values()):
            rows.append(Row(number, values))
    if not rows:
        raise ValidationError(_("Le fichier ne contient aucune commune."))
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


def _text(cell: object) -> str:
    """A cell as text: spreadsheets give numbers (827 or 827.0) where a CSV file has '827'."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return str(cell).strip()


def validate_rows(territory: Territory, rows: list[Row]) -> ImportPreview:
    """What each row would do to the territory's communes, or why it cannot be imported."""
    sectors = {search_key(sector.name): sector for sector in territory.sectors.all()}
    lines = [RowPreview(row, *_clean(row, territory, sectors)) for row in rows]
    _flag_duplicates(lines)
    existing = {
        organisation.insee_code: organisation
        for organisation in Organisation.objects.filter(territory=territory)
        .exclude(insee_code="")
        .select_related("sector")
    }
    for line in lines:
        organisation = existing.get(line.values.get("insee_code"))
        if line.errors or organisation is None:
            continue
        if organisation.kind != OrganisationKind.COMMUNE:
            line.errors.append(
                _("Le code INSEE %(code)s est déjà celui de « %(name)s », qui n'est pas une commune.")
                % {"code": organisation.insee_code, "name": organisation.name}
            )
            continue
        line.organisation = organisation
        line.changes = _changes(organisation, line.values)
    return ImportPreview(lines)


def _clean(row: Row, territory: Territory, sectors: dict[str, Sector]) -> tuple[dict[str, Any], list[str]]:
    """The row's values ready to write (None for an optional cell left empty), and its errors."""
    values: dict[str, Any] = {}
    errors: list[str] = []
    cleaners = [
        ("insee_code", _("Code INSEE"), _insee_code),
        ("name", _("Nom"), _name),
        ("postal_code", _("Code postal"), _postal_code),
        ("population", _("Population"), _population),
        ("epci_siren", _("SIREN de l'EPCI"), lambda text: _epci_siren(text, territory)),
        ("latitude", None, lambda text: _coordinate(text, 90, _("Latitude"))),
        ("longitude", None, lambda text: _coordinate(text, 180, _("Longitude"))),
        ("sector", None, lambda text: _sector(text, sectors)),
    ]
    for column, required_label, clean in cleaners:
        text = row.get(column)
        if not text:
            if required_label:
                errors.append(_("%(label)s : valeur manquante.") % {"label": required_label})
            values[column] = None
            continue
        try:
            values[column] = clean(text)
        except ValidationError as error:
            errors.extend(error.messages)
    return values, errors


def _padded(text: str) -> str:
    # Spreadsheets drop the leading zero of codes in departments 01 to 09.
    return "0" + text if text.isdigit() and len(text) == 4 else text


def _insee_code(text: str) -> str:
    code = _padded(text.upper())
    if not INSEE_CODE.fullmatch(code):
        raise ValidationError(
            _("Code INSEE « %(value)s » mal formé : 5 caractères attendus, des chiffres ou 2A/2B suivi de 3 chiffres.")
            % {"value": text}
        )
    return code


def _name(text: str) -> str:
    if len(text) > Organisation._meta.get_field("name").max_length:
        raise ValidationError(_("Nom trop long : 200 caractères au plus."))
    return text


def _postal_code(text: str) -> str:
    # The national list joins a commune's several postal codes with "|": the first one is kept.
    code = _padded(text.split("|")[0].strip())
    if not POSTAL_CODE.fullmatch(code):
        raise ValidationError(_("Code postal « %(value)s » mal formé : 5 chiffres attendus.") % {"value": text})
    return code


def _population(text: str) -> int:
    digits = re.sub(r"\s", "", text)  # "1 234", with any kind of space
    if not POPULATION.fullmatch(digits):
        raise ValidationError(
            _("Population « %(value)s » : un nombre entier positif ou nul est attendu.") % {"value": text}
        )
    return int(digits)


def _epci_siren(text: str, territory: Territory) -> str:
    if text != territory.siren:
        raise ValidationError(
            _(
                "SIREN de l'EPCI « %(value)s » différent de celui du territoire (%(siren)s) : "
                "cette commune appartient à un autre EPCI."
            )
            % {"value": text, "siren": territory.siren}
        )
    return text


def _coordinate(text: str, limit: int, label: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or abs(value) > limit:
        raise ValidationError(
            _("%(label)s « %(value)s » : un nombre entre -%(limit)s et %(limit)s est attendu.")
            % {"label": label, "value": text, "limit": limit}
        )
    return value.quantize(COORDINATE_STEP, rounding=ROUND_HALF_UP)


def _sector(text: str, sectors: dict[str, Sector]) -> Sector:
    sector = sectors.get(search_key(text))
    if sector is None:
        raise ValidationError(_("Secteur « %(value)s » inconnu dans ce territoire.") % {"value": text})
    return sector


def _flag_duplicates(lines: list[RowPreview]) -> None:
    numbers: dict[str, list[str]] = defaultdict(list)
    for line in lines:
        if line.values.get("insee_code"):
            numbers[line.values["insee_code"]].append(str(line.row.number))
    for line in lines:
        duplicates = numbers.get(line.values.get("insee_code"), [])
        if len(duplicates) > 1:
            line.errors.append(
                _("Code INSEE %(code)s en double : lignes %(lines)s.")
                % {"code": line.values["insee_code"], "lines": get_text_list(duplicates, _("et"))}
            )


def _changes(organisation: Organisation, values: dict[str, Any]) -> list[Change]:
    """The fields the row changes; an optional cell left empty keeps the current value."""
    changes = []
    for name in FIELDS:
        old, new = getattr(organisation, name), values[name]
        if new is not None and old != new:
            label = str(Organisation._meta.get_field(name).verbose_name)
            changes.append(Change(name, label, "—" if old is None else str(old), str(new)))
    return changes


@transaction.atomic
def communes_import(*, territory: Territory, preview: ImportPreview, by: User) -> ImportResult:
    """Create and update the territory's communes from a previewed file, all or nothing.

    The rows are validated again under a lock on the territory, so that what changed since
    the preview (a sector removed, another import) is caught; any row error raises
    ValidationError and nothing is written. Unchanged communes are not saved, so that a
    re-import leaves no history.
    """
    Territory.objects.select_for_update().get(pk=territory.pk)
    preview = validate_rows(territory, [line.row for line in preview.rows])
    if not preview.is_valid:
        raise ValidationError(
            [
                _("Ligne %(number)s : %(error)s") % {"number": line.row.number, "error": error}
                for line in preview.rows
                for error in line.errors
            ]
        )
    reason = _("Import de la liste officielle des communes")
    for line in preview.rows:
        if line.action == RowAction.CREATE:
            organisation = Organisation(
                territory=territory,
                kind=OrganisationKind.COMMUNE,
                insee_code=line.values["insee_code"],
                **{name: line.values[name] for name in FIELDS if line.values[name] is not None},
            )
            update_fields = None
        elif line.action == RowAction.UPDATE:
            organisation = line.organisation
            for change in line.changes:
                setattr(organisation, change.field, line.values[change.field])
            update_fields = [change.field for change in line.changes]
        else:
            continue
        organisation._history_user = by
        organisation._change_reason = reason
        organisation.save(update_fields=update_fields)
    return preview.totals
