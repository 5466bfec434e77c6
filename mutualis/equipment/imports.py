"""Census of shared equipment from a spreadsheet: one item per line, all or nothing.

The steps are those of every import (mutualis.core.imports): `parse_item_file` reads the
file, `validate_rows` says what each line would create or change, or what is wrong with it,
and `items_import` writes, only when no line has an error. An item is found again by its
owner and its name (case and accents aside), so that the same census can be imported twice.

The import is started from an organisation's page: a line naming no owner is that
organisation's. A line may name another owner (INSEE code, else name) only if the user may
declare items for it: the territory's coordinators and equipment managers for any
organisation, an organisation's mayor and secretaries for theirs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.text import capfirst, get_text_list
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
from mutualis.equipment.models import Category, Item, QualificationKind
from mutualis.equipment.services import categories_for, item_declare
from mutualis.territory.imports import padded_code
from mutualis.territory.models import Organisation, Territory, search_key

REQUIRED_COLUMNS = ("category", "name")
OPTIONAL_COLUMNS = (
    "owner_insee_code",
    "owner",
    "description",
    "location",
    "quantity",
    "qualification",
    "operator_provided",
    "daily_fee",
    "deposit",
    "declared_value",
    "conditions",
)
# The item fields an import writes, in the order the preview lists their changes.
FIELDS = (
    "name",
    "category",
    "description",
    "storage_location",
    "quantity",
    "qualification_kind",
    "qualification",
    "operator_provided",
    "daily_fee",
    "deposit",
    "declared_value",
    "conditions",
)

YES = {"oui", "o", "yes", "y", "vrai", "true", "1", "x"}
NO = {"non", "n", "no", "faux", "false", "0"}
QUANTITY = re.compile(r"[0-9]{1,9}")
CENT = Decimal("0.01")


class ItemLine(RowPreview):
    action_labels = {
        RowAction.CREATE: gettext_lazy("créé"),
        RowAction.UPDATE: gettext_lazy("mis à jour"),
        RowAction.UNCHANGED: gettext_lazy("inchangé"),
    }

    @property
    def cells(self) -> list[str]:
        owner = self.values.get("owner")
        typed = self.row.get("owner_insee_code") or self.row.get("owner")
        return [owner.name if owner else typed, self.row.get("name")]


@dataclass
class ItemImportPreview(ImportPreview):
    # The organisation the import was started from: the owner of lines naming none.
    owner: Organisation | None = None


def parse_item_file(uploaded_file: UploadedFile) -> list[Row]:
    return read_rows(
        uploaded_file,
        required=REQUIRED_COLUMNS,
        optional=OPTIONAL_COLUMNS,
        multiline=("description", "conditions"),
        empty_message=_("Le fichier ne contient aucun matériel."),
    )


def validate_rows(owner: Organisation, rows: list[Row], by: User) -> ItemImportPreview:
    """What each line would do to the territory's catalogue, or why it cannot be imported."""
    territory = owner.territory
    owners = Owners(territory)
    categories = {search_key(category.name): category for category in categories_for(territory)}
    lines = []
    for row in rows:
        values, errors = _clean(row, categories)
        values["owner"], owner_errors = owners.find(row, default=owner, by=by)
        lines.append(ItemLine(row, values, errors + owner_errors))
    flag_duplicates(
        lines,
        key=lambda line: (
            (line.values["owner"].pk, search_key(line.values["name"]))
            if line.values["owner"] and line.values["name"]
            else None
        ),
        message=lambda line, first: (
            _("Matériel « %(name)s » en double pour « %(owner)s » : déjà à la ligne %(line)s.")
            % {"name": line.values["name"], "owner": line.values["owner"].name, "line": first}
        ),
    )
    _match_existing(territory, lines)
    return ItemImportPreview(lines, headers=[_("Propriétaire"), _("Matériel")], owner=owner)


class Owners:
    """The territory's active organisations, found by INSEE code or by name."""

    def __init__(self, territory: Territory) -> None:
        self.by_code: dict[str, Organisation] = {}
        self.by_name: dict[str, list[Organisation]] = defaultdict(list)
        for organisation in Organisation.objects.filter(territory=territory).active():
            if organisation.insee_code:
                self.by_code[organisation.insee_code] = organisation
            self.by_name[organisation.search_name].append(organisation)

    def find(self, row: Row, *, default: Organisation, by: User) -> tuple[Organisation | None, list[str]]:
        code, name = row.get("owner_insee_code"), row.get("owner")
        if code:
            owner = self.by_code.get(padded_code(code.upper()))
            if owner is None:
                return None, [_("Aucune organisation du territoire n'a le code INSEE « %(code)s ».") % {"code": code}]
        elif name:
            matches = self.by_name.get(search_key(name), [])
            if not matches:
                return None, [_("Propriétaire « %(name)s » inconnu dans ce territoire.") % {"name": name}]
            if len(matches) > 1:
                return None, [
                    _("Plusieurs organisations s'appellent « %(name)s » : indiquez son code INSEE (owner_insee_code).")
                    % {"name": name}
                ]
            [owner] = matches
        else:
            owner = default
        if not by.has_perm("equipment.declare_item", owner):
            return None, [_("Vous ne pouvez pas recenser le matériel de « %(name)s ».") % {"name": owner.name}]
        return owner, []


def _clean(row: Row, categories: dict[str, Category]) -> tuple[dict[str, Any], list[str]]:
    """The line's values by Item field (None for a cell left empty), and its errors."""
    values, errors = clean_values(
        row,
        [
            ("category", _("Catégorie"), lambda text: _category(text, categories)),
            ("name", _("Nom"), lambda text: _text(text, "name")),
            ("description", None, str),
            ("location", None, lambda text: _text(text, "storage_location")),
            ("quantity", None, _quantity),
            ("qualification", None, _qualification),
            ("operator_provided", None, _yes_or_no),
            ("daily_fee", None, lambda text: _amount(text, "daily_fee")),
            ("deposit", None, lambda text: _amount(text, "deposit")),
            ("declared_value", None, lambda text: _amount(text, "declared_value")),
            ("conditions", None, str),
        ],
    )
    values["storage_location"] = values.pop("location")
    values["qualification_kind"], values["qualification"] = values.pop("qualification") or (None, None)
    return values, errors


def _label(field: str) -> str:
    return capfirst(Item._meta.get_field(field).verbose_name)


def _category(text: str, categories: dict[str, Category]) -> Category:
    category = categories.get(search_key(text))
    if category is None:
        names = get_text_list([category.name for category in categories.values()], _("ou"))
        raise ValidationError(
            _("Catégorie « %(value)s » inconnue dans ce territoire : %(names)s.") % {"value": text, "names": names}
        )
    return category


def _text(text: str, field: str) -> str:
    limit = Item._meta.get_field(field).max_length
    if len(text) > limit:
        raise ValidationError(
            _("%(label)s trop long : %(limit)s caractères au plus.") % {"label": _label(field), "limit": limit}
        )
    return text


def _quantity(text: str) -> int:
    digits = re.sub(r"\s", "", text)
    if not QUANTITY.fullmatch(digits) or int(digits) < 1:
        raise ValidationError(
            _("Quantité « %(value)s » : un nombre entier d'au moins 1 est attendu.") % {"value": text}
        )
    return int(digits)


def _qualification(text: str) -> tuple[str, str]:
    """(kind, detail): a kind's name alone, a kind's name followed by a detail ("CACES R486 A"),
    "aucune", or any other text, kept as the detail of the kind "other"."""
    key = search_key(text)
    for kind in QualificationKind:
        names = {kind.value, search_key(str(kind.label))}
        if key in names:
            return kind.value, ""
        if kind not in (QualificationKind.NONE, QualificationKind.OTHER) and any(
            key.startswith(name + " ") for name in names
        ):
            return kind.value, _text(text, "qualification")
    return QualificationKind.OTHER.value, _text(text, "qualification")


def _yes_or_no(text: str) -> bool:
    key = search_key(text)
    if key not in YES | NO:
        raise ValidationError(
            _("%(label)s « %(value)s » : « oui » ou « non » est attendu.")
            % {"label": _label("operator_provided"), "value": text}
        )
    return key in YES


def _amount(text: str, field: str) -> Decimal:
    """Euros, with a decimal comma or point, spaces between thousands and an optional €."""
    model_field = Item._meta.get_field(field)
    value = decimal_of(text)
    if value is not None and value < 0:
        raise ValidationError(
            _("%(label)s « %(value)s » : un montant négatif n'est pas accepté.")
            % {"label": _label(field), "value": text}
        )
    if (
        value is None
        or value >= 10 ** (model_field.max_digits - model_field.decimal_places)
        or value != value.quantize(CENT, rounding=ROUND_HALF_UP)
    ):
        raise ValidationError(
            _("%(label)s « %(value)s » : un montant en euros au centime près est attendu, par exemple 12,50.")
            % {"label": _label(field), "value": text}
        )
    return value.quantize(CENT)


def _match_existing(territory: Territory, lines: list[ItemLine]) -> None:
    """Link each valid line to the owner's item of the same name, if there is one, and list its changes."""
    owner_ids = {line.values["owner"].pk for line in lines if not line.errors}
    existing: dict[tuple[int, str], list[Item]] = defaultdict(list)
    for item in Item.objects.filter(
        territory=territory, owner_id__in=owner_ids, archived_at__isnull=True
    ).select_related("category"):
        existing[(item.owner_id, item.search_name)].append(item)
    for line in lines:
        if line.errors:
            continue
        owner = line.values["owner"]
        items = existing.get((owner.pk, search_key(line.values["name"])), [])
        if len(items) > 1:
            line.errors.append(
                _("« %(owner)s » a plusieurs matériels nommés « %(name)s » : renommez-les dans le catalogue.")
                % {"owner": owner.name, "name": line.values["name"]}
            )
        elif items:
            line.existing = items[0]
            line.changes = changes_of(items[0], line.values, FIELDS)


@transaction.atomic
def items_import(*, territory: Territory, preview: ItemImportPreview, by: User) -> ImportResult:
    """Add and update the catalogue's items from a previewed file, all or nothing.

    The lines are validated again under a lock on the territory, so that what changed since
    the preview (a category removed, the user's rights, another import) is caught; any line
    error raises ValidationError and nothing is written. Unchanged items are not saved. The
    history records `by` on every item written.
    """
    Territory.objects.select_for_update().get(pk=territory.pk)
    if preview.owner is None or preview.owner.territory_id != territory.pk:
        raise ValidationError(_("Cet aperçu ne concerne pas ce territoire."))
    preview = validate_rows(preview.owner, [line.row for line in preview.rows], by)
    preview.raise_errors()
    for line in preview.rows:
        given = {name: line.values[name] for name in FIELDS if line.values[name] is not None}
        if line.action == RowAction.CREATE:
            item_declare(owner=line.values["owner"], by=by, **given)
        elif line.action == RowAction.UPDATE:
            item = line.existing
            for change in line.changes:
                setattr(item, change.field, given[change.field])
            item._history_user = by
            item.save(update_fields=[change.field for change in line.changes])
    return preview.totals
