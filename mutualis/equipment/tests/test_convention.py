"""Each accepted loan has its convention de mise en commun de moyens, which renders as a PDF."""

import subprocess
from decimal import Decimal

from mutualis.agreements.models import Convention, Instrument, Status
from mutualis.agreements.pdf import render_convention_pdf
from mutualis.equipment.services import request_accept
from mutualis.equipment.tests.factories import in_days


def test_accepting_creates_a_pooling_convention_between_lender_and_borrower(ask, alice, commune_a, commune_b):
    loan = request_accept(request=ask(start=in_days(7), end=in_days(10)), by=alice)
    convention = loan.convention
    assert convention.instrument == Instrument.POOLING_OF_RESOURCES
    assert [(p.organisation, p.role) for p in convention.convention_parties.all()] == [
        (commune_a, "prêteur"),
        (commune_b, "emprunteur"),
    ]
    assert (convention.start, convention.end) == (loan.start, loan.end)
    assert list(Convention.objects.for_source(loan)) == [convention]


def test_the_convention_amount_is_days_times_fee_and_mentions_the_deposit(ask, alice):
    convention = request_accept(request=ask(start=in_days(7), end=in_days(10)), by=alice).convention
    assert convention.amount == Decimal("37.50")
    assert "3 jours à 12,50\u00a0€ par jour" in convention.amount_description
    assert "caution de 150,00\u00a0€" in convention.amount_description


def test_a_free_loan_has_no_amount(ask, alice, item):
    item.daily_fee = Decimal("0")
    item.deposit = Decimal("0")
    item.save()
    convention = request_accept(request=ask(), by=alice).convention
    assert convention.amount is None
    assert convention.amount_description == "prêt gratuit ; sans caution"


def test_the_convention_object_names_item_quantity_and_conditions(ask, alice, item):
    item.quantity = 2
    item.save()
    convention = request_accept(request=ask(), by=alice).convention
    assert "Remorque porte-engins (lot de 2)" in convention.object
    assert "Rendre la remorque propre." in convention.object


def test_the_convention_pdf_renders_with_parties_and_reference(ask, alice, tmp_path):
    convention = request_accept(request=ask(), by=alice).convention
    path = tmp_path / "convention.pdf"
    path.write_bytes(render_convention_pdf(convention))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Jouhe" in text and "Foucherans" in text
    assert "prêteur" in text and "emprunteur" in text
    assert "CGCT L5211-4-3" in text
    assert "37,50 €" in text.replace("\u00a0", " ")


def test_accepting_sends_the_convention_to_both_mayors_for_signature(ask, alice):
    convention = request_accept(request=ask(), by=alice).convention
    assert convention.status == Status.SENT
    assert [p.has_signed for p in convention.convention_parties.all()] == [False, False]
