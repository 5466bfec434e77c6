"""The printable convention: an A4 administrative document, ready to be signed."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation

from mutualis.agreements.models import Convention, ConventionParty
from mutualis.agreements.services import DOCUMENT_LANGUAGE, long_date, placeholder_values
from mutualis.core.pdf import last_changed, stored_pdf


@dataclass(frozen=True)
class Block:
    text: str
    is_heading: bool


def body_blocks(body: str) -> list[Block]:
    """Paragraphs of a convention's text; a short line such as "Article 2 – Durée" is a heading."""
    blocks = []
    for chunk in body.replace("\r\n", "\n").split("\n\n"):
        text = chunk.strip()
        if text:
            heading = "\n" not in text and len(text) <= 80 and (text.startswith("Article ") or text.isupper())
            blocks.append(Block(text, heading))
    return blocks


def render_convention_pdf(convention: Convention) -> bytes:
    parties = list(convention.convention_parties.select_related("organisation"))
    values = placeholder_values(convention, [(party.organisation, party.role) for party in parties])
    context = {
        "convention": convention,
        "parties": parties,
        "period": values["period"],
        "amounts": values["amounts"],
        "signatures": [(party, long_date(party.signed_on) if party.signed_on else "") for party in parties],
        "printed_on": long_date(
            last_changed(convention.history.all(), ConventionParty.history.filter(convention_id=convention.pk))
        ),
        "blocks": body_blocks(convention.body),
    }
    with translation.override(DOCUMENT_LANGUAGE):
        return stored_pdf("agreements/convention_pdf.html", context, kind="convention", pk=convention.pk)
