from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mutualis.billing.models import Charge
from mutualis.equipment.models import LoanStatus
from mutualis.equipment.services import loan_checkin, loan_checkout, request_accept
from mutualis.equipment.tests.factories import LoanFactory, in_days, sign_convention
from mutualis.equipment.tests.test_views_item import PNG


def url(name: str, loan) -> str:
    return reverse(f"equipment:{name}", kwargs={"pk": loan.pk})


def accepted(ask, alice, signed=True, **period):
    loan = request_accept(request=ask(**period), by=alice)
    return sign_convention(loan) if signed else loan


def test_page_links_the_convention_and_its_pdf(login, charlie, ask, alice):
    loan = accepted(ask, alice)
    content = login(charlie).get(url("loan_detail", loan)).content.decode()
    assert reverse("agreements:convention_detail", kwargs={"pk": loan.convention_id}) in content
    assert reverse("agreements:convention_pdf", kwargs={"pk": loan.convention_id}) in content


def test_owner_staff_sees_the_checkout_link(login, bob, ask, alice):
    loan = accepted(ask, alice)
    assert url("loan_checkout", loan) in login(bob).get(url("loan_detail", loan)).content.decode()


def test_while_the_convention_is_unsigned_the_page_says_why_instead_of_the_checkout_link(login, bob, ask, alice):
    loan = accepted(ask, alice, signed=False)
    response = login(bob).get(url("loan_detail", loan))
    content = response.content.decode()
    assert url("loan_checkout", loan) not in content
    assert "Remise impossible pour l'instant." in content
    assert "Doivent encore signer : Jouhe" in content
    assert reverse("agreements:convention_detail", kwargs={"pk": loan.convention_id}) in content


def test_a_checkout_posted_while_unsigned_is_refused_above_the_form(login, bob, ask, alice):
    loan = accepted(ask, alice, signed=False, start=in_days(0), end=in_days(2))
    response = login(bob).post(url("loan_checkout", loan), {"date": in_days(0).isoformat()})
    assert response.status_code == 200
    assert "n'est pas signée" in response.context["form"].non_field_errors()[0]
    loan.refresh_from_db()
    assert loan.status == LoanStatus.SCHEDULED


def test_borrower_sees_no_handover_link_and_cannot_record_it(login, charlie, ask, alice):
    loan = accepted(ask, alice)
    assert url("loan_checkout", loan) not in login(charlie).get(url("loan_detail", loan)).content.decode()
    assert login(charlie).get(url("loan_checkout", loan)).status_code == 403


def test_other_territory_gets_404(login, oscar, ask, alice):
    assert login(oscar).get(url("loan_detail", accepted(ask, alice))).status_code == 404


def test_checkout_records_date_notes_and_photos(login, bob, ask, alice):
    loan = accepted(ask, alice, start=in_days(0), end=in_days(3))
    data = {"date": in_days(0).isoformat(), "notes": "Pneus neufs", "photos_consent": "on"}
    data["photos"] = [SimpleUploadedFile("a.png", PNG), SimpleUploadedFile("b.png", PNG)]
    response = login(bob).post(url("loan_checkout", loan), data)
    assert response.status_code == 302
    loan.refresh_from_db()
    assert (loan.status, loan.checkout_notes) == (LoanStatus.OUT, "Pneus neufs")
    assert loan.photos.count() == 2


def test_checkout_photos_without_consent_are_refused(login, bob, ask, alice):
    loan = accepted(ask, alice, start=in_days(0), end=in_days(3))
    data = {"date": in_days(0).isoformat(), "photos": [SimpleUploadedFile("a.png", PNG)]}
    response = login(bob).post(url("loan_checkout", loan), data)
    assert response.context["form"].errors["photos"]
    loan.refresh_from_db()
    assert loan.status == LoanStatus.SCHEDULED


def test_checkout_in_the_future_is_refused_next_to_the_date(login, bob, ask, alice):
    loan = accepted(ask, alice)
    response = login(bob).post(url("loan_checkout", loan), {"date": in_days(2).isoformat()})
    assert response.context["form"].errors["date"]


def test_checkin_with_damage_posts_charges_shown_to_the_borrower(login, bob, charlie, ask, alice):
    loan = accepted(ask, alice, start=in_days(0), end=in_days(3))
    loan_checkout(loan=loan, date=in_days(0) - timedelta(days=2), by=bob)
    data = {
        "date": in_days(0).isoformat(),
        "damage": "on",
        "damage_description": "Feu arrière cassé",
        "damage_amount": "45.00",
    }
    assert login(bob).post(url("loan_checkin", loan), data).status_code == 302
    assert Charge.objects.count() == 2
    content = login(charlie).get(url("loan_detail", loan)).content.decode()
    assert "Feu arrière cassé" in content
    assert "45,00" in content and "25,00" in content


def test_damage_without_description_is_refused(login, bob, ask, alice):
    loan = accepted(ask, alice, start=in_days(0), end=in_days(3))
    loan_checkout(loan=loan, date=in_days(0), by=bob)
    response = login(bob).post(url("loan_checkin", loan), {"date": in_days(0).isoformat(), "damage": "on"})
    assert response.context["form"].errors["damage_description"]


def test_overdue_loan_is_flagged(login, charlie, item, commune_b):
    loan = LoanFactory(
        request__item=item,
        request__borrower=commune_b,
        request__start=in_days(-3),
        request__end=in_days(-1),
        status=LoanStatus.OUT,
        checked_out_on=in_days(-3),
    )
    assert "En retard" in login(charlie).get(url("loan_detail", loan)).content.decode()


def test_borrower_sees_the_charges_of_the_loan(login, charlie, bob, ask, alice):
    loan = accepted(ask, alice, start=in_days(0), end=in_days(3))
    loan_checkout(loan=loan, date=in_days(0) - timedelta(days=1), by=bob)
    loan_checkin(loan=loan, date=in_days(0), by=bob)
    charges = login(charlie).get(url("loan_detail", loan)).context["charges"]
    assert [charge.amount for charge in charges] == [Decimal("12.50")]
