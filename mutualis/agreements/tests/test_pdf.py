import subprocess
from datetime import date

import pytest
from django.urls import reverse

from mutualis.agreements.pdf import body_blocks, render_convention_pdf
from mutualis.agreements.services import convention_party_sign


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "convention.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_info(content: bytes, tmp_path) -> str:
    path = tmp_path / "info.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def pdf(convention) -> bytes:
    return render_convention_pdf(convention)


def test_pdf_holds_title_parties_reference_and_amount(pdf, tmp_path):
    text = pdf_text(pdf, tmp_path)
    assert "PRÊT DE LA REMORQUE PORTE-ENGINS" in text  # the title is printed in capitals
    assert "Agglo A" in text and "Jouhe" in text
    assert "prêteur" in text and "emprunteur" in text
    assert "CGCT L5211-4-3" in text
    assert "1 250,00 €" in text.replace("\u00a0", " ")
    assert "Mise en commun de moyens" in text


def test_pdf_holds_the_articles_and_a_signature_block_per_party(pdf, tmp_path):
    text = pdf_text(pdf, tmp_path)
    assert "Article 5 – Résiliation" in text
    assert "Pour Agglo A" in text and "Pour Jouhe" in text
    assert text.count("Fait à") == 2


def test_pdf_is_a4_and_numbers_its_pages(pdf, tmp_path):
    info = pdf_info(pdf, tmp_path)
    assert "pts (A4)" in info
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    assert f"Page {pages} / {pages}" in pdf_text(pdf, tmp_path)


def test_signed_pdf_prints_the_signature_date(signed, tmp_path):
    assert "le 20 février 2025" in pdf_text(render_convention_pdf(signed), tmp_path)


def test_pdf_download_is_an_attachment_named_after_the_title(login, bob, convention, tmp_path):
    response = login(bob).get(reverse("agreements:convention_pdf", kwargs={"pk": convention.pk}))
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == 'attachment; filename="pret-de-la-remorque-porte-engins.pdf"'
    assert "Jouhe" in pdf_text(response.content, tmp_path)


def test_body_blocks_turn_article_lines_into_headings():
    blocks = body_blocks("PRÉAMBULE\n\nVu la loi ;\nConsidérant…\n\nArticle 1 – Objet\n\nLe texte.")
    assert [(b.text, b.is_heading) for b in blocks] == [
        ("PRÉAMBULE", True),
        ("Vu la loi ;\nConsidérant…", False),
        ("Article 1 – Objet", True),
        ("Le texte.", False),
    ]


def test_the_pdf_prints_each_partys_recorded_signatory(sent, commune_a, alice, tmp_path):
    party = sent.convention_parties.get(organisation=commune_a)
    convention_party_sign(party=party, signed_on=date(2025, 2, 18), signatory="Alice Persona, maire", by=alice)
    text = " ".join(pdf_text(render_convention_pdf(sent), tmp_path).split())
    assert "Alice Persona, maire" in text and "le 18 février 2025" in text
