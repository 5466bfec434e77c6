from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from mutualis.grants import services
from mutualis.grants.models import DocumentKind, Status
from mutualis.grants.tests.factories import ApplicationFactory, DocumentFactory


@pytest.fixture
def granted(commune_a, rules_2026, school_works):
    """40,000 € HT, 8,000 € of other subsidies, 10,000 € granted; the rules' advance is 30 %."""
    return ApplicationFactory(organisation=commune_a, rules=rules_2026, kind=school_works, status=Status.GRANTED)


def url(name, application):
    return reverse(f"grants:{name}", args=[application.pk])


def test_the_works_start_then_the_advance_is_paid(login, gina, granted):
    today = timezone.localdate().isoformat()
    client = login(gina)
    assert "Enregistrer l&#x27;avance" not in client.get(url("application_detail", granted)).content.decode()
    client.post(url("works_start", granted), {"started_on": today})
    client.post(url("advance_pay", granted), {"paid_on": today})
    assert granted.payments.get().amount == Decimal("3000.00")


def test_the_balance_preview_recomputes_on_the_actual_cost(login, gina, granted):
    granted.works_started_on = timezone.localdate()
    granted.save()
    page = login(gina).get(url("balance_preview", granted), {"actual_cost": "16000"}).content.decode()
    # Half of 16,000 − 8,000 of subsidies: 4,000 €, all still to pay.
    assert "4\u202f000,00" in page or "4\xa0000,00" in page or "4 000,00" in page


def test_the_balance_on_lower_actual_costs_closes_the_file(login, gina, granted):
    today = timezone.localdate()
    services.works_start_record(application=granted, started_on=today, by=gina)
    services.advance_pay(application=granted, paid_on=today, by=gina)
    DocumentFactory(application=granted, kind=DocumentKind.PROOF_OF_EXPENSES)
    login(gina).post(url("balance_pay", granted), {"actual_cost": "16000", "paid_on": today.isoformat()})
    granted.refresh_from_db()
    assert granted.status == Status.PAID
    assert granted.payments.get(kind="balance").amount == Decimal("1000.00")  # 4,000 − 3,000 of advance


def test_the_balance_without_proofs_of_expenses_is_refused_with_the_reason(login, gina, granted):
    today = timezone.localdate()
    services.works_start_record(application=granted, started_on=today, by=gina)
    response = login(gina).post(url("balance_pay", granted), {"actual_cost": "16000", "paid_on": today.isoformat()})
    assert response.status_code == 400
    assert "justificatifs de dépenses" in response.content.decode()


def test_the_commune_does_not_record_payments(login, bob, granted):
    assert login(bob).post(url("works_start", granted), {"started_on": "2026-01-01"}).status_code == 403
