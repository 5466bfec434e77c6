"""The consolidated needs of a consultation, per lot; exported for the tender file."""

from __future__ import annotations

import tablib
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from mutualis.core.exports import export_dataset, export_response
from mutualis.purchasing.consolidation import Consolidation, consolidate
from mutualis.purchasing.models import Consultation
from mutualis.territory.access import requires


@requires("purchasing.view_consolidation", model=Consultation)
def consolidation(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    result = consolidate(consultation)
    if "format" in request.GET:
        return export_response(
            consolidation_dataset(result), request.GET["format"], f"besoins-consolides-{consultation.pk}"
        )
    answered = consultation.answers.count()
    return render(
        request, "purchasing/consolidation.html", {"consultation": consultation, "result": result, "answered": answered}
    )


def consolidation_dataset(result: Consolidation) -> tablib.Dataset:
    """One line per article and member, then the article's total; amounts per lot."""
    headers = [_("Lot"), _("Article"), _("Unité"), _("Adhérent"), _("Quantité par an"),
               _("Montant annuel estimé du lot (€ HT)"), _("Valeur estimée du marché (€ HT)"),
               _("Procédure")]  # fmt: skip
    rows = []
    for lot in result.lots:
        for total in lot.articles:
            for member in result.members:
                if member.pk in total.quantities:
                    rows.append([lot.lot.number, total.article.name, total.article.unit, member.name,
                                 total.quantities[member.pk], None, None, None])  # fmt: skip
            rows.append([lot.lot.number, total.article.name, total.article.unit, _("Total"), total.total,
                         None, None, None])  # fmt: skip
        rows.append([lot.lot.number, _("Total du lot"), None, None, None, lot.yearly_amount, lot.contract_amount,
                     lot.procedure_label])  # fmt: skip
    rows.append([None, _("Total de la consultation"), None, None, None, result.yearly_amount, result.contract_amount,
                 result.procedure_label])  # fmt: skip
    return export_dataset(headers, rows, title=_("Besoins consolidés"))
