"""The annual report as an editable OpenDocument text (odfpy, already installed with tablib[ods])."""

from __future__ import annotations

from io import BytesIO

from django.utils.translation import gettext as _
from odf.opendocument import OpenDocumentText
from odf.style import ParagraphProperties, Style, TableColumnProperties, TextProperties
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import H, P

from mutualis.steering.report import AnnualReport
from mutualis.steering.templatetags.steering import figure as number
from mutualis.steering.templatetags.steering import money


class Writer:
    def __init__(self) -> None:
        self.doc = OpenDocumentText()
        self.bold = Style(name="Bold", family="paragraph")
        self.bold.addElement(TextProperties(fontweight="bold"))
        self.title = Style(name="ReportTitle", family="paragraph")
        self.title.addElement(TextProperties(fontsize="20pt", fontweight="bold"))
        self.title.addElement(ParagraphProperties(margintop="0cm", marginbottom="0.4cm"))
        column = Style(name="Column", family="table-column")
        column.addElement(TableColumnProperties(columnwidth="4cm"))
        self.column = column
        for style in (self.bold, self.title, column):
            self.doc.automaticstyles.addElement(style)

    def heading(self, level: int, text: str) -> None:
        self.doc.text.addElement(H(outlinelevel=level, text=text))

    def paragraph(self, text: str, style: Style | None = None) -> None:
        self.doc.text.addElement(P(text=text, stylename=style) if style else P(text=text))

    def table(self, headers: list[str], rows: list[list[str]]) -> None:
        table = Table()
        table.addElement(TableColumn(numbercolumnsrepeated=len(headers), stylename=self.column))
        for cells, style in [(headers, self.bold)] + [(row, None) for row in rows]:
            row = TableRow()
            for cell in cells:
                element = TableCell(valuetype="string")
                element.addElement(P(text=str(cell), stylename=style) if style else P(text=str(cell)))
                row.addElement(element)
            table.addElement(row)
        self.doc.text.addElement(table)

    def bytes(self) -> bytes:
        buffer = BytesIO()
        self.doc.write(buffer)
        return buffer.getvalue()


def report_odt(report: AnnualReport) -> bytes:
    w = Writer()
    w.paragraph(report.title, w.title)
    w.heading(1, _("Vue d'ensemble"))
    for line in report.overview:
        w.paragraph(line)
    for part in report.actions:
        w.heading(1, str(part.action))
        w.heading(2, _("Ce qui a été fait"))
        w.paragraph(part.participation)
        if part.participants:
            w.paragraph(part.who)
        w.paragraph(part.milestones_summary)
        for milestone in part.done:
            w.paragraph(_("Tenue : %(title)s (%(due)s)") % {"title": milestone.title, "due": milestone.due_label})
        for milestone in part.late:
            w.paragraph(_("En retard : %(title)s (%(due)s)") % {"title": milestone.title, "due": milestone.due_label})
        if part.note:
            w.heading(2, _("Commentaire de la coordination"))
            for line in part.note.splitlines():
                w.paragraph(line)
        w.heading(2, _("Indicateurs"))
        if part.indicators:
            w.table(
                [_("Indicateur"), _("Objectif"), _("Résultat"), _("Efficacité (%)"), _("Efficience (pour 1 000 €)")],
                [
                    [r.definition.label, number(r.target), number(r.result), number(r.efficacy), number(r.efficiency)]
                    for r in part.indicators
                ],
            )
        else:
            w.paragraph(_("Aucun indicateur n'est suivi pour cette action."))
        w.heading(2, _("Équilibre économique"))
        b = part.balance
        w.table(
            [_("Coûts (€)"), _("Recettes (€)"), _("Solde (€)"), _("Équilibre")],
            [
                [
                    money(b.costs),
                    money(b.revenues),
                    money(b.balance),
                    _("non atteint") if b.out_of_balance else _("atteint"),
                ]
            ],
        )
        w.heading(2, _("Ajustements proposés"))
        w.paragraph(part.adjustments_summary)
        for adjustment in part.adjustments:
            w.paragraph(f"{adjustment.get_kind_display()} ({adjustment.get_status_display()}) : {adjustment.text}")
    return w.bytes()
