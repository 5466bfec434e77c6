import io
from decimal import Decimal

import openpyxl
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mutualis.purchasing.models import Need


def filled_sheet(client, consultation, fill) -> SimpleUploadedFile:
    """Download the census sheet, fill it with `fill(rows)` and return it as an upload."""
    response = client.get(reverse("purchasing:needs_sheet", args=[consultation.pk]) + "?format=xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    fill(book.active)
    content = io.BytesIO()
    book.save(content)
    return SimpleUploadedFile("besoins.xlsx", content.getvalue())


def upload(client, consultation, file):
    return client.post(reverse("purchasing:needs_import", args=[consultation.pk]), {"file": file})


def confirm(client, consultation, response):
    url = reverse("purchasing:needs_import_confirm", args=[consultation.pk])
    return client.post(url, {"digest": response.context["digest"]})


def test_the_sheet_lists_every_article_with_its_reference(login, bob, consultation, articles):
    response = login(bob).get(reverse("purchasing:needs_sheet", args=[consultation.pk]) + "?format=ods")
    dataset = tablib.Dataset().load(response.content, format="ods")
    assert dataset.headers[:4] == ["Référence", "Lot", "Article", "Unité"]
    assert [row[2] for row in dataset] == ["Ramette A4 80 g", "Ramette A3 80 g"]


def test_a_filled_sheet_is_previewed_then_imported(login, bob, consultation, articles, commune_a):
    client = login(bob)

    def fill(sheet):
        sheet["E2"], sheet["F2"], sheet["G2"], sheet["H2"] = 150, "4,25", "31/12/2026", "livraison mairie"

    response = upload(client, consultation, filled_sheet(client, consultation, fill))
    assert response.context["preview"].is_valid
    assert not Need.objects.exists()
    confirm(client, consultation, response)
    need = Need.objects.get()
    assert (need.organisation, need.article, need.quantity) == (commune_a, articles[0], Decimal("150"))
    assert need.current_unit_price == Decimal("4.25")
    assert need.contract_end.isoformat() == "2026-12-31"


def test_a_sheet_with_an_error_shows_it_on_its_row_and_imports_nothing(login, bob, consultation, articles):
    client = login(bob)

    def fill(sheet):
        sheet["E2"] = 150
        sheet["E3"] = "beaucoup"

    response = upload(client, consultation, filled_sheet(client, consultation, fill))
    preview = response.context["preview"]
    assert [line.row.number for line in preview.rows if line.errors] == [3]
    assert "Quantité « beaucoup »" in response.text
    assert "digest" not in client.session.get("purchasing_census_import", {})
    assert not Need.objects.exists()


def test_an_unknown_reference_is_a_row_error(login, bob, consultation, articles):
    client = login(bob)

    def fill(sheet):
        sheet["A2"], sheet["E2"] = 999999, 5

    response = upload(client, consultation, filled_sheet(client, consultation, fill))
    assert "Référence « 999999 » inconnue" in response.text


def test_the_sheet_is_prefilled_with_the_members_answer(login, bob, consultation, articles, commune_a):
    from mutualis.purchasing.tests.factories import NeedFactory

    NeedFactory(article=articles[1], organisation=commune_a, quantity=Decimal("12"))
    response = login(bob).get(reverse("purchasing:needs_sheet", args=[consultation.pk]) + "?format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert Decimal(str(sheet["E3"].value)) == Decimal("12")
