import subprocess
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from mutualis.grants import services
from mutualis.grants.models import DocumentKind, Status
from mutualis.grants.tests.factories import DocumentFactory


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def submitted(bob, draft):
    application = draft()
    services.application_submit(application=application, by=bob)
    return application


@pytest.fixture
def complete(submitted):
    for kind in (DocumentKind.DELIBERATION, DocumentKind.QUOTES):
        DocumentFactory(application=submitted, kind=kind)
    return submitted


def url(name, application):
    return reverse(f"grants:{name}", args=[application.pk])


def test_the_manager_asks_for_missing_documents(login, gina, submitted):
    data = {"kinds": [DocumentKind.QUOTES, DocumentKind.FINANCING_PLAN], "text": "Merci de les joindre."}
    assert login(gina).post(url("documents_request", submitted), data).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.INCOMPLETE
    assert submitted.messages.get().documents_asked == [DocumentKind.QUOTES, DocumentKind.FINANCING_PLAN]


def test_asking_for_no_document_is_refused_next_to_the_checkboxes(login, gina, submitted):
    response = login(gina).post(url("documents_request", submitted), {"text": "?"})
    assert response.status_code == 400
    assert submitted.messages.count() == 0


def test_the_instruction_panel_offers_the_missing_documents_checked(login, gina, submitted):
    page = login(gina).get(url("application_detail", submitted)).content.decode()
    assert 'value="deliberation" id="id_kinds_0" checked' in page
    assert 'value="financing_plan" id="id_kinds_2">' in page


def test_the_manager_records_a_services_opinion(login, gina, submitted):
    data = {"service": "Service bâtiments", "favourable": "True", "text": "Toiture à refaire."}
    login(gina).post(url("opinion_record", submitted), data)
    opinion = submitted.opinions.get()
    assert (opinion.service, opinion.favourable) == ("Service bâtiments", True)


def test_an_amount_above_a_ceiling_is_refused_with_the_services_message(login, gina, complete, today):
    data = {"amount": "12 000", "body": "bureau", "meeting_on": today.isoformat()}
    response = login(gina).post(url("amount_propose", complete), data)
    assert response.status_code == 400
    assert "plafond par dossier de l&#x27;année (10" in response.content.decode()
    complete.refresh_from_db()
    assert complete.status == Status.SUBMITTED


def test_an_amount_within_the_ceilings_puts_the_file_on_the_agenda(login, gina, complete, today):
    data = {"amount": "8000", "body": "bureau", "meeting_on": today.isoformat()}
    login(gina).post(url("amount_propose", complete), data)
    complete.refresh_from_db()
    assert (complete.status, complete.proposed_amount) == (Status.SCHEDULED, Decimal("8000"))


@pytest.fixture
def scheduled(gina, complete, today):
    return services.amount_propose(
        application=complete, amount=Decimal("8000"), body="bureau", meeting_on=today, by=gina
    )


def test_the_decision_amount_defaults_to_the_proposal(login, gina, scheduled, today):
    page = login(gina).get(url("application_detail", scheduled)).content.decode()
    assert 'name="amount" value="8000' in page


def test_a_grant_is_decided(login, gina, scheduled, today):
    data = {"granted": "True", "decided_on": today.isoformat(), "reference": "B-2026-12", "amount": "8000"}
    assert login(gina).post(url("decision_record", scheduled), data).status_code == 302
    scheduled.refresh_from_db()
    assert (scheduled.status, scheduled.granted_amount) == (Status.GRANTED, Decimal("8000"))


def test_a_refusal_needs_its_reason(login, gina, scheduled, today):
    data = {"granted": "False", "decided_on": today.isoformat(), "reference": "B-2026-12"}
    response = login(gina).post(url("decision_record", scheduled), data)
    assert response.status_code == 400
    assert "Indiquez le motif du refus" in response.content.decode()


def test_a_decision_in_the_future_is_refused(login, gina, scheduled, today):
    data = {"granted": "True", "decided_on": (today + timedelta(days=1)).isoformat(), "reference": "B"}
    assert login(gina).post(url("decision_record", scheduled), data).status_code == 400


def test_the_commune_cannot_instruct(login, bob, complete, today):
    data = {"amount": "8000", "body": "bureau", "meeting_on": today.isoformat()}
    assert login(bob).post(url("amount_propose", complete), data).status_code == 403


def test_the_letter_is_only_there_once_decided(login, bob, scheduled):
    assert login(bob).get(url("letter_pdf", scheduled)).status_code == 403


@pytest.mark.parametrize("granted", [True, False])
def test_the_decision_letter_is_a_pdf_page(login, bob, gina, scheduled, today, tmp_path, granted):
    services.decision_record(
        application=scheduled, granted=granted, decided_on=today, reference="B-2026-12", by=gina,
        refusal_reason="" if granted else "Le projet ne porte pas sur un équipement.",
    )  # fmt: skip
    response = login(bob).get(url("letter_pdf", scheduled))
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "lettre.pdf"
    path.write_bytes(response.content)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")], check=True
    )
    image = next(tmp_path.glob("page*.png"))
    with Image.open(image) as page:
        assert page.convert("L").getextrema()[0] < 100  # ink on the page, not a blank sheet
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    assert "B-2026-12" in text and scheduled.organisation.name in text
    assert ("8 000,00" in text.replace("\u202f", " ").replace("\xa0", " ")) == granted
