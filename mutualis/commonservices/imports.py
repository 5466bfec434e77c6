"""Units of work from a spreadsheet: one line per adherent and day, all or nothing (core.imports)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutualis.commonservices.models import CommonService, Instalment
from mutualis.core.imports import ImportPreview, Row, RowAction, RowPreview, clean_values, decimal_of, read_rows
from mutualis.core.templatetags.french import quantity
from mutualis.territory.models import Organisation

REQUIRED_COLUMNS = ("organisation", "date", "units")
OPTIONAL_COLUMNS = ("note",)


class UnitLine(RowPreview):
    action_labels = {RowAction.CREATE: gettext_lazy("enregistrées")}

    @property
    def cells(self) -> list[str]:
        organisation = self.values.get("organisation")
        day = self.values.get("day")
        units = self.values.get("units")
        return [
            organisation.name if organisation else self.row.get("organisation"),
            day.strftime("%d/%m/%Y") if day else self.row.get("date"),
            quantity(units) if units is not None else self.row.get("units"),
        ]

    @property
    def record(self) -> dict:
        """The keyword arguments of `services.unit_use_record` for this line."""
        return {key: self.values[key] for key in ("organisation", "day", "units", "note")}


def parse_unit_file(uploaded_file: UploadedFile) -> list[Row]:
    return read_rows(
        uploaded_file,
        required=REQUIRED_COLUMNS,
        optional=OPTIONAL_COLUMNS,
        empty_message=_("Le fichier ne contient aucune ligne d'unités."),
    )


def _date(text: str) -> date:
    patterns = ("%d/%m/%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S") if text.isascii() else ()
    for pattern in patterns:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValidationError(_("Date « %(value)s » : le format JJ/MM/AAAA est attendu.") % {"value": text})


def _units(text: str) -> Decimal:
    value = decimal_of(text)
    if value is None or value <= 0 or value != value.quantize(Decimal("0.001")) or value >= 10**9:
        raise ValidationError(
            _("Unités « %(value)s » : un nombre positif d'au plus 3 décimales est attendu.") % {"value": text}
        )
    return value


def validate_rows(service: CommonService, rows: list[Row]) -> ImportPreview:
    """Each line's adherent (INSEE code or name), day and units, or why it cannot be recorded."""
    organisations = Organisation.objects.filter(territory=service.territory_id, is_active=True)
    by_code = {o.insee_code: o for o in organisations if o.insee_code}
    by_name = {o.name.casefold(): o for o in organisations}
    adhesions = list(service.adhesions())
    settled = set(Instalment.objects.settlements().filter(service=service).values_list("year", flat=True))
    today = timezone.localdate()
    lines = []
    for row in rows:
        values, errors = clean_values(
            row,
            [
                ("organisation", _("Organisation"), str),
                ("date", _("Date"), _date),
                ("units", _("Unités"), _units),
                ("note", None, lambda text: text[:200]),
            ],
        )
        typed = values.pop("organisation")
        values["day"] = values.pop("date")
        values["note"] = values["note"] or ""
        values["organisation"] = organisation = by_code.get(typed) or by_name.get(typed.casefold()) if typed else None
        day = values["day"]
        if typed and organisation is None:
            errors.append(_("Organisation « %(name)s » inconnue sur le territoire.") % {"name": typed})
        adheres = (
            organisation
            and day
            and any(a.organisation_id == organisation.pk and a.is_active_on(day) for a in adhesions)
        )
        if organisation and day and not adheres:
            errors.append(
                _("%(organisation)s n'adhère pas au service au %(day)s.")
                % {"organisation": organisation.name, "day": day.strftime("%d/%m/%Y")}
            )
        if day and day > today:
            errors.append(_("Des unités ne s'enregistrent qu'une fois utilisées : pas dans le futur."))
        if day and day.year in settled:
            errors.append(_("L'année %(year)s est régularisée : elle est close.") % {"year": day.year})
        lines.append(UnitLine(row, values, errors))
    return ImportPreview(lines, headers=[_("Adhérent"), _("Date"), _("Unités")])
