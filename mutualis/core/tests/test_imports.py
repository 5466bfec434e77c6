"""Reading an import file stays bounded: rows, uncompressed size, listed errors; text is text."""

import io
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from mutualis.core import imports
from mutualis.core.imports import ImportPreview, Row, RowPreview, cell_text, decimal_of, flag_duplicates, read_rows

COLUMNS = ("category", "name")


def read(name: str, content: bytes, multiline=()) -> list[Row]:
    return read_rows(
        SimpleUploadedFile(name, content),
        required=COLUMNS,
        optional=("notes",),
        multiline=multiline,
        empty_message="vide",
    )


def csv_of(*lines: str, header: str = "category,name") -> bytes:
    return "\n".join([header, *lines]).encode()


def ods_of(rows_xml: str) -> bytes:
    """A minimal ODS file whose first sheet holds the given table rows."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Feuille1">{rows_xml}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def ods_row(*cells: str, repeated: int = 1) -> str:
    texts = "".join(
        f'<table:table-cell office:value-type="string"><text:p>{cell}</text:p></table:table-cell>' for cell in cells
    )
    return f'<table:table-row table:number-rows-repeated="{repeated}">{texts}</table:table-row>'


HEADER_ROW = ods_row(*COLUMNS)


# Row cap


def test_a_file_at_the_row_cap_is_read():
    assert len(read("a.csv", csv_of(*["Voirie,Remorque"] * imports.MAX_ROWS))) == imports.MAX_ROWS


def test_a_file_over_the_row_cap_is_refused_and_says_the_limit():
    with pytest.raises(ValidationError, match="plus de 5 000 lignes"):
        read("a.csv", csv_of(*["Voirie,Remorque"] * (imports.MAX_ROWS + 1)))


def test_an_ods_row_repeated_a_million_times_is_refused_at_the_cap():
    with pytest.raises(ValidationError, match="plus de 5 000 lignes"):
        read("a.ods", ods_of(HEADER_ROW + ods_row("Voirie", "Remorque", repeated=1_000_000)))


def test_the_million_empty_rows_ending_an_ods_sheet_are_skipped():
    rows = read("a.ods", ods_of(HEADER_ROW + ods_row("Voirie", "Remorque") + ods_row(repeated=1_048_000)))
    assert [(row.number, row.values) for row in rows] == [(2, {"category": "Voirie", "name": "Remorque"})]


def test_an_xlsx_sheet_with_a_row_far_below_is_refused_without_reading_a_million_empty_rows():
    book = openpyxl.Workbook()
    book.active.append(COLUMNS)
    book.active["A1000000"] = "Voirie"
    content = io.BytesIO()
    book.save(content)
    with pytest.raises(ValidationError, match="plus de 5 000 lignes"):
        read("a.xlsx", content.getvalue())


# Decompression bombs


def test_a_spreadsheet_too_big_once_uncompressed_is_refused_before_parsing(monkeypatch):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("content.xml", b" " * (imports.MAX_UNCOMPRESSED_SIZE + 1))
    assert len(buffer.getvalue()) < 100_000
    monkeypatch.setattr(imports, "_ods_lines", lambda archive: pytest.fail("parsed"))
    monkeypatch.setattr(imports.openpyxl, "load_workbook", lambda *args, **kwargs: pytest.fail("parsed"))
    for name in ("bombe.ods", "bombe.xlsx"):
        with pytest.raises(ValidationError, match="plus de 20 Mo une fois décompressé"):
            read(name, buffer.getvalue())


# Duplicates and listed errors


class Line(RowPreview):
    pass


def test_a_duplicate_names_the_first_line_with_its_key_only():
    lines = [Line(Row(number, {}), {"key": key}) for number, key in [(2, "a"), (3, "b"), (4, "a"), (5, "a")]]
    flag_duplicates(lines, key=lambda line: line.values["key"], message=lambda line, first: f"comme {first}")
    assert [line.errors for line in lines] == [[], [], ["comme 2"], ["comme 2"]]


def test_a_refusal_lists_a_bounded_number_of_lines_then_counts_the_others():
    lines = [Line(Row(number, {}), {}, errors=["faux"]) for number in range(2, 5002)]
    preview = ImportPreview(lines, headers=[])
    with pytest.raises(ValidationError) as error:
        preview.raise_errors()
    messages = error.value.messages
    assert len(messages) == imports.MAX_LISTED_ERRORS + 1
    assert messages[0] == "Ligne 2 : faux"
    assert messages[-1] == "… et 4950 autres lignes refusées."
    assert len(preview.listed_rows) == imports.MAX_LISTED_ERRORS


# Text and digits


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x1b", "\x7f", "\t", "\n"])
def test_control_characters_are_refused_in_a_single_line_column(character):
    with pytest.raises(ValidationError, match="caractères de contrôle .*ligne 2, colonne name"):
        read("a.csv", csv_of(f'Voirie,"Remor{character}que"'))


def test_tabs_and_line_breaks_are_kept_in_a_multiline_column():
    [row] = read("a.csv", csv_of('Voirie,Remorque,"ligne 1\r\n\tligne 2"', header="category,name,notes"), ["notes"])
    assert row.get("notes") == "ligne 1\n\tligne 2"


def test_a_nul_byte_is_refused_in_a_multiline_column():
    with pytest.raises(ValidationError, match="ligne 2, colonne notes"):
        read("a.csv", csv_of("Voirie,Remorque,a\x00b", header="category,name,notes"), ["notes"])


@pytest.mark.parametrize("text", ["１２", "١٢", "12,５", "1e3", "NaN", "Infinity", ""])
def test_numbers_take_ascii_digits_only(text):
    assert decimal_of(text) is None


@pytest.mark.parametrize(("text", "value"), [("12", "12"), ("1 234,50 €", "1234.50"), ("-3.5", "-3.5"), (",5", "0.5")])
def test_numbers_take_a_decimal_comma_spaces_and_the_euro_sign(text, value):
    assert str(decimal_of(text)) == value


@pytest.mark.parametrize("text", ["'=SOMME(A1)", "'+33 3 84", "'-12", "'@moi"])
def test_a_text_our_exports_guarded_comes_back_as_it_was_written(text):
    assert cell_text(text) == text[1:]


def test_an_apostrophe_before_ordinary_text_is_kept():
    assert cell_text("'t Hooft") == "'t Hooft"
