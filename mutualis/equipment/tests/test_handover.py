"""Check-out and check-in, and the charges posted to billing at return; no handover before the
loan's convention is signed (or the coordination waived the signature)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from mutualis.agreements.services import convention_party_sign, signature_waiver_grant
from mutualis.billing.models import Charge
from mutualis.core.tests.uploads import upload
from mutualis.equipment.models import LoanPhoto, LoanStatus, PhotoStage
from mutualis.equipment.services import loan_checkin, loan_checkout, request_accept
from mutualis.equipment.tests.factories import in_days, sign_convention
from mutualis.territory.models import Service


def photo(name="etat.jpg", size=None):
    return upload(name, None if size is None else b"\xff" * size)


@pytest.fixture
def unsigned(ask, alice):
    return request_accept(request=ask(start=in_days(0), end=in_days(3)), by=alice)


@pytest.fixture
def loan(unsigned):
    return sign_convention(unsigned)


def test_no_handover_while_the_convention_is_unsigned(unsigned, bob):
    with pytest.raises(ValidationError, match="n'est pas signée"):
        loan_checkout(loan=unsigned, date=in_days(0), by=bob)
    unsigned.refresh_from_db()
    assert unsigned.status == LoanStatus.SCHEDULED


def test_the_refusal_names_the_party_that_must_still_sign(unsigned, alice, bob, commune_a):
    lender = unsigned.convention.convention_parties.get(organisation=commune_a)
    convention_party_sign(party=lender, signed_on=in_days(0), signatory="Alice Persona, maire", by=alice)
    with pytest.raises(ValidationError) as error:
        loan_checkout(loan=unsigned, date=in_days(0), by=bob)
    assert "Doivent encore signer : Foucherans (le maire, le président ou son délégué)." in error.value.messages[0]


def test_the_handover_is_allowed_once_both_parties_signed(unsigned, alice, charlie, bob, commune_a, commune_b):
    for organisation, mayor in [(commune_a, alice), (commune_b, charlie)]:
        party = unsigned.convention.convention_parties.get(organisation=organisation)
        convention_party_sign(party=party, signed_on=in_days(0), signatory=f"{mayor}, maire", by=mayor)
    assert loan_checkout(loan=unsigned, date=in_days(0), by=bob).status == LoanStatus.OUT


def test_the_handover_is_allowed_with_the_coordinations_waiver(unsigned, eve, bob):
    signature_waiver_grant(convention=unsigned.convention, reason="Conseil municipal le 12 mai", by=eve)
    assert loan_checkout(loan=unsigned, date=in_days(0), by=bob).status == LoanStatus.OUT


@pytest.fixture
def out(loan, bob):
    return loan_checkout(loan=loan, date=in_days(0), notes="Pneus neufs", by=bob)


def test_checkout_records_date_notes_and_photos(loan, bob):
    loan_checkout(loan=loan, date=in_days(0), notes="Pneus neufs", photos=[photo()], photos_consent=True, by=bob)
    loan.refresh_from_db()
    assert (loan.status, loan.checked_out_on, loan.checkout_notes) == (LoanStatus.OUT, in_days(0), "Pneus neufs")
    assert LoanPhoto.objects.get(loan=loan).stage == PhotoStage.CHECKOUT


def test_photos_need_consent(loan, bob):
    with pytest.raises(ValidationError, match="accord"):
        loan_checkout(loan=loan, date=in_days(0), photos=[photo()], by=bob)


def test_a_photo_must_be_an_image_file(loan, bob):
    with pytest.raises(ValidationError, match="pdf"):
        loan_checkout(loan=loan, date=in_days(0), photos=[photo("etat.pdf")], photos_consent=True, by=bob)


def test_a_photo_over_5_mb_is_refused(loan, bob):
    with pytest.raises(ValidationError, match="5 Mo"):
        big = photo(size=5 * 1024 * 1024 + 1)
        loan_checkout(loan=loan, date=in_days(0), photos=[big], photos_consent=True, by=bob)


def test_a_handover_cannot_be_dated_in_the_future(loan, bob):
    with pytest.raises(ValidationError, match="futur"):
        loan_checkout(loan=loan, date=in_days(1), by=bob)


def test_a_loan_is_checked_out_once(out, bob):
    with pytest.raises(ValidationError, match="ne peut pas passer"):
        loan_checkout(loan=out, date=in_days(0), by=bob)


def test_a_scheduled_loan_cannot_be_checked_in(loan, bob):
    with pytest.raises(ValidationError, match="ne peut pas passer"):
        loan_checkin(loan=loan, date=in_days(0), by=bob)


def test_checkin_returns_the_loan_and_bills_the_days_actually_lent(out, bob, commune_b):
    out.checked_out_on = in_days(-3)
    out.save()
    loan = loan_checkin(loan=out, date=in_days(0), notes="RAS", by=bob)
    assert (loan.status, loan.checked_in_on, loan.days_lent) == (LoanStatus.RETURNED, in_days(0), 3)
    charge = Charge.objects.get()
    assert (charge.organisation, charge.service) == (commune_b, Service.EQUIPMENT)
    assert (charge.quantity, charge.unit_price, charge.amount) == (Decimal(3), Decimal("12.50"), Decimal("37.50"))
    assert charge.label.startswith("Prêt de Remorque porte-engins du ")
    assert charge.source == loan


def test_a_same_day_return_is_billed_one_day(out, bob):
    loan_checkin(loan=out, date=in_days(0), by=bob)
    assert Charge.objects.get().amount == Decimal("12.50")


def test_a_free_loan_posts_no_charge(ask, alice, bob, item):
    item.daily_fee = Decimal("0")
    item.save()
    loan = sign_convention(request_accept(request=ask(start=in_days(0), end=in_days(2)), by=alice))
    loan_checkin(loan=loan_checkout(loan=loan, date=in_days(0), by=bob), date=in_days(0), by=bob)
    assert not Charge.objects.exists()


def test_damage_posts_its_own_charge(out, bob, commune_b):
    loan_checkin(
        loan=out,
        date=in_days(0),
        damage=True,
        damage_description="Feu arrière cassé",
        damage_amount=Decimal("85.00"),
        by=bob,
    )
    damage = Charge.objects.get(label__startswith="Dommages")
    assert (damage.organisation, damage.amount, damage.service) == (commune_b, Decimal("85.00"), Service.EQUIPMENT)
    assert Charge.objects.count() == 2


def test_damage_needs_a_description(out, bob):
    with pytest.raises(ValidationError, match="Décrivez"):
        loan_checkin(loan=out, date=in_days(0), damage=True, damage_amount=Decimal("10"), by=bob)


def test_a_damage_amount_without_damage_is_refused(out, bob):
    with pytest.raises(ValidationError, match="dommages"):
        loan_checkin(loan=out, date=in_days(0), damage_amount=Decimal("10"), by=bob)


def test_a_return_cannot_precede_the_handover(out, bob):
    with pytest.raises(ValidationError, match="précéder"):
        loan_checkin(loan=out, date=in_days(-1), by=bob)


def test_a_returned_loan_frees_the_item_after_its_span(out, bob, ask, alice):
    loan_checkin(loan=out, date=in_days(0), by=bob)
    assert request_accept(request=ask(start=in_days(1), end=in_days(2)), by=alice)


def test_the_borrower_is_emailed_at_handover_and_return_with_the_damage(loan, bob, charlie):
    from django.core import mail

    mail.outbox.clear()
    out = loan_checkout(loan=loan, date=in_days(0), by=bob)
    loan_checkin(loan=out, date=in_days(0), damage=True, damage_description="Feu arrière cassé", by=bob)
    handover, back = mail.outbox
    assert handover.to == back.to == [charlie.email]
    assert "remis" in handover.subject
    assert "Feu arrière cassé" in back.body
