"""A member's answer to a census as a spreadsheet: the platform generates it, the member fills
it and imports it back (mutualis.core.imports: preview, per-row errors, all or nothing).

The sheet has one line per article of the consultation, found again by its reference; the
whole answer is replaced by the file's lines, so an empty quantity means "no need".
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import tablib
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutualis.core.exports import export_dataset
from mutualis.core.imports import (
    Change,
    ImportPreview,
    Row,
    RowAction,
    RowPreview,
    changes_of,
    clean_values,
    decimal_of,
    flag_duplicates,
    read_rows,
)
from mutualis.purchasing.models import Article, Consultation, Need
from mutualis.purchasing.services import NeedLine
from mutualis.territory.models import Organisation

HEADERS = (
    "Référence",
    "Lot",
    "Article",
    "Unité",
    "Quantité par an",
    "Prix unitaire actuel (€ HT)",
    "Fin du contrat actuel",
    "Commentaires",
)
REFERENCE, _LOT, _ARTICLE, _UNIT, QUANTITY, PRICE, CONTRACT_END, COMMENTS = (header.lower() for header in HEADERS)


def census_sheet(consultation: Consultation, organisation: Organisation) -> tablib.Dataset:
    """The sheet to fill: every article, with what the member already declared."""
    needs = {
        need.article_id: need for need in Need.objects.filter(consultation=consultation, organisation=organisation)
    }
    rows = []
    for article in Article.objects.filter(lot__consultation=consultation).with_list_data():
        need = needs.get(article.pk)
        rows.append(
            [
                article.pk,
                article.lot.number,
                article.name,
                article.unit,
                need.quantity if need else None,
                need.current_unit_price if need else None,
                need.contract_end.strftime("%d/%m/%Y") if need and need.contract_end else None,
                need.comments if need else None,
            ]
        )
    return export_dataset(HEADERS, rows, title=_("Besoins"))


class NeedRow(RowPreview):
    action_labels = {
        RowAction.CREATE: gettext_lazy("besoin ajouté"),
        RowAction.UPDATE: gettext_lazy("besoin modifié"),
        RowAction.UNCHANGED: gettext_lazy("inchangé"),
    }

    @property
    def cells(self) -> list[str]:
        article = self.values.get("article")
        quantity = self.values.get("quantity")
        return [str(article) if article else self.row.get(REFERENCE), str(quantity) if quantity else "—"]


def parse_census_file(uploaded_file: UploadedFile) -> list[Row]:
    return read_rows(
        uploaded_file,
        required=(REFERENCE, QUANTITY),
        optional=(_LOT, _ARTICLE, _UNIT, PRICE, CONTRACT_END, COMMENTS),
        multiline=(COMMENTS,),
        empty_message=_("Le fichier ne contient aucune ligne."),
    )


def validate_rows(consultation: Consultation, organisation: Organisation, rows: list[Row]) -> ImportPreview:
    articles = {
        str(article.pk): article
        for article in Article.objects.filter(lot__consultation=consultation).select_related("lot")
    }
    existing = {
        need.article_id: need for need in Need.objects.filter(consultation=consultation, organisation=organisation)
    }
    lines = []
    for row in rows:
        values, errors = clean_values(
            row,
            [
                (REFERENCE, _("Référence"), lambda text: _article(text, articles)),
                (QUANTITY, None, lambda text: _decimal(text, _("Quantité"), places=2)),
                (PRICE, None, lambda text: _decimal(text, _("Prix unitaire"), places=4)),
                (CONTRACT_END, None, _date),
                (COMMENTS, None, str),
            ],
        )
        line = NeedRow(
            row,
            {
                "article": values[REFERENCE],
                "quantity": values[QUANTITY],
                "current_unit_price": values[PRICE],
                "contract_end": values[CONTRACT_END],
                "comments": values[COMMENTS] or "",
            },
            errors,
        )
        if line.values["current_unit_price"] and not line.values["quantity"]:
            line.errors.append(_("Un prix sans quantité : indiquez la quantité par an."))
        need = existing.get(line.values["article"].pk) if line.values["article"] else None
        if need is not None:
            line.existing = need
            line.changes = _changes(need, line.values)
        lines.append(line)
    flag_duplicates(
        lines,
        key=lambda line: line.values["article"].pk if line.values["article"] else None,
        message=lambda line, first: _("Article en double : déjà à la ligne %(line)s.") % {"line": first},
    )
    return ImportPreview(lines, headers=[_("Article"), _("Quantité par an")])


def need_lines(preview: ImportPreview) -> list[NeedLine]:
    preview.raise_errors()
    return [NeedLine(**line.values) for line in preview.rows if line.values["quantity"]]


def _changes(need: Need, values: dict) -> list[Change]:
    return changes_of(need, {**values, "article": None}, ["quantity", "current_unit_price", "contract_end", "comments"])


def _article(text: str, articles: dict[str, Article]) -> Article:
    article = articles.get(text.strip())
    if article is None:
        raise ValidationError(_("Référence « %(value)s » inconnue dans cette consultation.") % {"value": text})
    return article


def _decimal(text: str, label: str, *, places: int) -> Decimal | None:
    """A positive number with a decimal comma or point and spaces between thousands; 0 is no need."""
    value = decimal_of(text)
    if value is None or value < 0 or value != value.quantize(Decimal(10) ** -places):
        raise ValidationError(
            _("%(label)s « %(value)s » : un nombre positif d'au plus %(places)s décimales est attendu.")
            % {"label": label, "value": text, "places": places}
        )
    return value or None


def _date(text: str) -> date:
    # strptime would read look-alike digits ("３１/１２/２０２６") too.
    patterns = ("%d/%m/%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S") if text.isascii() else ()
    for pattern in patterns:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValidationError(_("Date « %(value)s » : le format JJ/MM/AAAA est attendu.") % {"value": text})
