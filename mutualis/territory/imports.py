"""Import of the official commune list (INSEE code, name, postal code, population, EPCI SIREN).

All or nothing, in three steps (see mutualis.core.imports): `parse_commune_file` reads a CSV,
XLSX or ODS file and rejects it as a whole (unreadable, missing columns); `validate_rows`
compares every row with the territory's communes and says what it would create or change, or
what is wrong with it; `communes_import` writes, and only when no row has an error.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutualis.accounts.models import User
from mutualis.core.imports import (
    ImportPreview,
    ImportResult,
    Row,
    RowAction,
    RowPreview,
    changes_of,
    clean_values,
    decimal_of,
    flag_duplicates,
    read_rows,
)
from mutualis.territory.models import Organisation, OrganisationKind, Sector, Territory, search_key

REQUIRED_COLUMNS = ("insee_code", "name", "postal_code", "population", "epci_siren")
OPTIONAL_COLUMNS = ("latitude", "longitude", "sector")
# The organisation fields an import writes, in the order the preview lists their changes.
FIELDS = ("name", "postal_code", "population", "latitude", "longitude", "sector")

# ASCII digits only: "\d" would take look-alikes such as "３９２７０" for a new commune.
INSEE_CODE = re.compile(r"[0-9]{5}|2[AB][0-9]{3}")
POSTAL_CODE = re.compile(r"[0-9]{5}")
POPULATION = re.compile(r"[0-9]{1,9}")
COORDINATE_STEP = Decimal("0.00001")


class CommuneLine(RowPreview):
    action_labels = {
        RowAction.CREATE: gettext_lazy("créée"),
        RowAction.UPDATE: gettext_lazy("mise à jour"),
        RowAction.UNCHANGED: gettext_lazy("inchangée"),
    }

    @property
    def cells(self) -> list[str]:
        return [self.row.get("insee_code"), self.row.get("name")]


def parse_commune_file(uploaded_file: UploadedFile) -> list[Row]:
    return read_rows(
        uploaded_file,
        required=REQUIRED_COLUMNS,
        optional=OPTIONAL_COLUMNS,
        empty_message=_("Le fichier ne contient aucune commune."),
    )


def validate_rows(territory: Territory, rows: list[Row]) -> ImportPreview:
    """What each row would do to the territory's communes, or why it cannot be imported."""
    sectors = {search_key(sector.name): sector for sector in territory.sectors.all()}
    lines = [CommuneLine(row, *_clean(row, territory, sectors)) for row in rows]
    flag_duplicates(
        lines,
        key=lambda line: line.values.get("insee_code"),
        message=lambda line, first: (
            _("Code INSEE %(code)s en double : déjà à la ligne %(line)s.")
            % {"code": line.values["insee_code"], "line": first}
        ),
    )
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
        line.existing = organisation
        line.changes = changes_of(organisation, line.values, FIELDS)
    return ImportPreview(lines, headers=[_("Code INSEE"), _("Commune")])


def _clean(row: Row, territory: Territory, sectors: dict[str, Sector]) -> tuple[dict[str, Any], list[str]]:
    """The row's values ready to write (None for an optional cell left empty), and its errors."""
    return clean_values(
        row,
        [
            ("insee_code", _("Code INSEE"), _insee_code),
            ("name", _("Nom"), _name),
            ("postal_code", _("Code postal"), _postal_code),
            ("population", _("Population"), _population),
            ("epci_siren", _("SIREN de l'EPCI"), lambda text: _epci_siren(text, territory)),
            ("latitude", None, lambda text: _coordinate(text, 90, _("Latitude"))),
            ("longitude", None, lambda text: _coordinate(text, 180, _("Longitude"))),
            ("sector", None, lambda text: _sector(text, sectors)),
        ],
    )


def padded_code(text: str) -> str:
    # Spreadsheets drop the leading zero of codes in departments 01 to 09.
    return "0" + text if re.fullmatch("[0-9]{4}", text) else text


def _insee_code(text: str) -> str:
    code = padded_code(text.upper())
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
    code = padded_code(text.split("|")[0].strip())
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
    value = decimal_of(text)
    if value is None or abs(value) > limit:
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
    preview.raise_errors()
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
            organisation = line.existing
            for change in line.changes:
                setattr(organisation, change.field, line.values[change.field])
            update_fields = [change.field for change in line.changes]
        else:
            continue
        organisation._history_user = by
        organisation._change_reason = reason
        organisation.save(update_fields=update_fields)
    return preview.totals
