"""A hostile census file (100,000 identical rows) is refused in bounded memory and report size
(the time it takes is measured by `make bench`, not here)."""

import io
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

ROWS = 100_000
ROW = ("Voirie", "Remorque porte-engins")
HEADER = ("category", "name")


def zipped(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


# The files are written by hand: tablib takes minutes to write 100,000 rows in ODS.


def xlsx_file() -> bytes:
    """A minimal workbook with shared strings and, like many generated files, no dimension."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"

    def row(number, first, second):
        cells = f'<c r="A{number}" t="s"><v>{first}</v></c><c r="B{number}" t="s"><v>{second}</v></c>'
        return f'<row r="{number}">{cells}</row>'

    strings = "".join(f"<si><t>{text}</t></si>" for text in (*HEADER, *ROW))
    rows = row(1, 0, 1) + "".join(row(number, 2, 3) for number in range(2, ROWS + 2))
    return zipped(
        {
            "[Content_Types].xml": (
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/xl/workbook.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                '<Override PartName="/xl/worksheets/sheet1.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                '<Override PartName="/xl/sharedStrings.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                "</Types>"
            ),
            "_rels/.rels": (
                f'<Relationships xmlns="{package}"><Relationship Id="rId1" Target="xl/workbook.xml" '
                f'Type="{relations}/officeDocument"/></Relationships>'
            ),
            "xl/workbook.xml": (
                f'<workbook xmlns="{main}" xmlns:r="{relations}"><sheets>'
                '<sheet name="Feuille1" sheetId="1" r:id="rId1"/></sheets></workbook>'
            ),
            "xl/_rels/workbook.xml.rels": (
                f'<Relationships xmlns="{package}">'
                f'<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="{relations}/worksheet"/>'
                f'<Relationship Id="rId2" Target="sharedStrings.xml" Type="{relations}/sharedStrings"/>'
                "</Relationships>"
            ),
            "xl/sharedStrings.xml": f'<sst xmlns="{main}">{strings}</sst>',
            "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData>{rows}</sheetData></worksheet>',
        }
    )


def ods_file() -> bytes:
    def row(cells):
        return "<table:table-row>{}</table:table-row>".format(
            "".join(f"<table:table-cell><text:p>{cell}</text:p></table:table-cell>" for cell in cells)
        )

    return zipped(
        {
            "mimetype": "application/vnd.oasis.opendocument.spreadsheet",
            "content.xml": (
                '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
                'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
                '<office:body><office:spreadsheet><table:table table:name="Feuille1">'
                + row(HEADER)
                + row(ROW) * ROWS
                + "</table:table></office:spreadsheet></office:body></office:document-content>"
            ),
        }
    )


def csv_file(rows: int) -> bytes:
    return "\n".join([",".join(HEADER), *[",".join(ROW)] * rows]).encode()


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return {"xlsx": xlsx_file(), "ods": ods_file()}


def upload(client, organisation, name: str, content: bytes):
    url = reverse("equipment:import_upload", kwargs={"pk": organisation.pk})
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_100000_identical_rows_are_refused_with_a_short_report_in_bounded_memory(login, bob, commune_a, files, fmt):
    client = login(bob)
    tracemalloc.start()
    try:
        response = upload(client, commune_a, f"materiel.{fmt}", files[fmt])
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 200 * 1024 * 1024
    assert "preview" not in response.context
    assert response.context["form"].errors["file"] == [
        "Le fichier compte plus de 5 000 lignes : un import en compte 5 000 au plus, découpez le fichier."
    ]
    assert len(response.content) < 100_000


def test_a_csv_at_the_row_cap_of_identical_rows_answers_with_a_short_report(login, bob, commune_a):
    client = login(bob)
    response = upload(client, commune_a, "materiel.csv", csv_file(5000))
    preview = response.context["preview"]
    assert preview.error_count == 4999
    assert "déjà à la ligne 2" in response.text
    assert "… et 4949 autres lignes refusées." in response.text
    assert len(response.content) < 200_000


def test_a_csv_of_106000_rows_is_refused_before_its_rows_are_checked(login, bob, commune_a):
    client = login(bob)
    response = upload(client, commune_a, "materiel.csv", csv_file(106_000))
    assert "plus de 5 000 lignes" in response.text
