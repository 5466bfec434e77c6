from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mutualis.core.files import download_url
from mutualis.grants import services
from mutualis.grants.models import Application, DocumentKind, Rules, Status
from mutualis.grants.tests.factories import ApplicationFactory, DocumentFactory

LIST = reverse("grants:application_list")
CREATE = reverse("grants:application_create")
LIMITS = reverse("grants:limits")

FORM = {
    "title": "Réfection de la toiture de l'école",
    "equipment": "École communale",
    "description": "",
    "cost_ht": "30 000",
    "other_subsidies": "6000",
    "amount_asked": "8000",
    "works_start_planned": "2026-06-01",
    "works_end_planned": "2026-09-01",
}


def pdf(name: str = "deliberation.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 test", content_type="application/pdf")


def test_a_commune_sees_only_its_own_files(login, bob, commune_a, commune_b, rules_2026):
    ApplicationFactory(organisation=commune_a, rules=rules_2026, title="Toiture de Jouhe")
    ApplicationFactory(organisation=commune_b, rules=rules_2026, title="Voirie de Foucherans")
    page = login(bob).get(LIST).content.decode()
    assert "Toiture de Jouhe" in page
    assert "Voirie de Foucherans" not in page


def test_the_manager_sees_every_file_and_filters_them(login, gina, commune_a, commune_b, rules_2026):
    ApplicationFactory(organisation=commune_a, rules=rules_2026, title="Toiture de Jouhe", status=Status.SUBMITTED)
    ApplicationFactory(organisation=commune_b, rules=rules_2026, title="Voirie de Foucherans")
    client = login(gina)
    assert "Voirie de Foucherans" in client.get(LIST).content.decode()
    filtered = client.get(LIST, {"status": Status.SUBMITTED, "year": 2026}).content.decode()
    assert "Toiture de Jouhe" in filtered
    assert "Voirie de Foucherans" not in filtered
    by_commune = client.get(LIST, {"organisation": commune_b.pk}).content.decode()
    assert "Toiture de Jouhe" not in by_commune


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "ods"])
def test_the_list_is_exported(login, gina, commune_a, rules_2026, fmt):
    ApplicationFactory(organisation=commune_a, rules=rules_2026, title="Toiture de Jouhe")
    response = login(gina).get(LIST, {"format": fmt})
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="fonds-de-concours.{fmt}"'
    if fmt == "csv":
        assert "Toiture de Jouhe" in response.content.decode("utf-8-sig")


def test_the_list_offers_to_file_to_the_commune_only(login, bob, eve, rules_2026):
    assert "Déposer un dossier" in login(bob).get(LIST).content.decode()
    assert reverse("grants:application_create") not in login(eve).get(LIST).content.decode()


def test_without_this_years_rules_filing_says_so(login, bob, territory_a):
    page = login(bob).get(CREATE).content.decode()
    assert "n'est pas encore adopté" in page


def test_a_secretary_saves_a_draft(login, bob, commune_a, rules_2026, school_works):
    response = login(bob).post(CREATE, {**FORM, "organisation": commune_a.pk, "kind": school_works.pk})
    application = Application.objects.get()
    assert response.status_code == 302
    assert (application.status, application.created_by, application.cost_ht) == (Status.DRAFT, bob, Decimal("30000"))
    assert application.territory == commune_a.territory
    assert application.rules == rules_2026


def test_one_files_only_for_a_commune_where_one_is_mayor_or_secretary(login, bob, commune_b, rules_2026, school_works):
    response = login(bob).post(CREATE, {**FORM, "organisation": commune_b.pk, "kind": school_works.pk})
    assert response.status_code == 400
    assert not Application.objects.exists()


def test_only_the_years_eligible_kinds_are_offered(login, bob, commune_a, rules_2026, territory_a):
    other = rules_2026.eligible_kinds.model.objects.create(territory=territory_a, name="Voirie")
    response = login(bob).post(CREATE, {**FORM, "organisation": commune_a.pk, "kind": other.pk})
    assert response.status_code == 400
    assert "Voirie" not in response.content.decode()


def test_subsidies_above_the_cost_are_refused_next_to_the_field(login, bob, commune_a, rules_2026, school_works):
    data = {**FORM, "organisation": commune_a.pk, "kind": school_works.pk, "other_subsidies": "40000"}
    response = login(bob).post(CREATE, data)
    assert response.status_code == 400
    assert not Application.objects.exists()


def test_the_form_shows_the_limits_as_the_commune_types(login, bob, commune_a, rules_2026):
    page = login(bob).get(LIMITS, {"rules": rules_2026.pk, "cost_ht": "30000", "other_subsidies": "6000",
                                   "amount_asked": "8000"}).content.decode()  # fmt: skip
    assert "16\u202f000,00 €" in page or "16 000,00 €" in page or "16\xa0000,00 €" in page  # own funds
    assert "12" in page and "000,00" in page  # legal ceiling: (30,000 − 6,000) / 2
    assert "10\xa0000,00" in page or "10\u202f000,00" in page or "10 000,00" in page  # the file ceiling binds
    assert "dépasse" not in page


def test_the_limits_say_which_ceiling_an_amount_asked_exceeds(login, bob, commune_a, rules_2026):
    page = login(bob).get(LIMITS, {"cost_ht": "30000", "other_subsidies": "6000", "amount_asked": "15000"})
    text = page.content.decode()
    assert "Le montant demandé dépasse" in text
    assert "plafond par dossier" in text


def test_the_envelope_left_is_shown_when_the_year_has_one(login, bob, commune_a, rules_2026):
    Rules.objects.filter(pk=rules_2026.pk).update(envelope_scope="commune", envelope_amount=Decimal("20000"))
    ApplicationFactory(organisation=commune_a, rules=rules_2026, status=Status.GRANTED, amount_asked=Decimal("7000"))
    page = login(bob).get(LIMITS, {"cost_ht": "30000", "amount_asked": "1000"}).content.decode()
    assert "Reste de l'enveloppe" in page
    assert "13" in page


def test_a_draft_is_changed_then_submitted(login, bob, draft):
    application = draft()
    DocumentFactory(application=application, kind=DocumentKind.DELIBERATION)
    client = login(bob)
    url = reverse("grants:application_edit", args=[application.pk])
    form = {**FORM, "organisation": application.organisation_id, "kind": application.kind_id, "title": "Toiture"}
    assert client.post(url, form).status_code == 302
    client.post(reverse("grants:application_submit", args=[application.pk]))
    application.refresh_from_db()
    assert (application.title, application.status) == ("Toiture", Status.SUBMITTED)


def test_a_submitted_file_can_no_longer_be_changed(login, bob, draft):
    application = draft()
    services.application_submit(application=application, by=bob)
    assert login(bob).get(reverse("grants:application_edit", args=[application.pk])).status_code == 403


def test_a_submission_refused_by_the_service_is_told(login, bob, draft):
    application = draft(amount_asked=Decimal("15000"))
    response = login(bob).post(reverse("grants:application_submit", args=[application.pk]), follow=True)
    assert "plafond par dossier" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.DRAFT


def test_documents_of_several_kinds_are_joined_and_downloaded(login, bob, draft):
    application = draft()
    client = login(bob)
    url = reverse("grants:document_add", args=[application.pk])
    client.post(url, {"kind": DocumentKind.DELIBERATION, "upload": pdf()})
    client.post(url, {"kind": DocumentKind.QUOTES, "upload": pdf("devis.pdf")})
    documents = application.documents.order_by("kind")
    assert [d.kind for d in documents] == [DocumentKind.DELIBERATION, DocumentKind.QUOTES]
    page = client.get(reverse("grants:application_detail", args=[application.pk])).content.decode()
    assert download_url(documents[0], "file") in page
    assert client.get(download_url(documents[0], "file")).status_code == 200


def test_a_document_of_the_wrong_format_is_refused_next_to_the_field(login, bob, draft):
    application = draft()
    upload = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    response = login(bob).post(
        reverse("grants:document_add", args=[application.pk]), {"kind": "quotes", "upload": upload}
    )
    assert response.status_code == 400
    assert "pas accepté" in response.content.decode()


def test_another_commune_cannot_download_a_document(login, charlie, draft):
    document = DocumentFactory(application=draft())
    assert login(charlie).get(download_url(document, "file")).status_code == 404


def test_the_commune_and_the_manager_exchange_messages(login, bob, gina, draft):
    application = draft()
    services.application_submit(application=application, by=bob)
    url = reverse("grants:message_post", args=[application.pk])
    login(gina).post(url, {"text": "Le devis est-il signé ?"})
    login(bob).post(url, {"text": "Oui, il l'est."})
    assert list(application.messages.values_list("text", flat=True)) == ["Le devis est-il signé ?", "Oui, il l'est."]


def test_the_commune_sees_no_instruction_panel(login, bob, draft):
    application = draft()
    services.application_submit(application=application, by=bob)
    page = login(bob).get(reverse("grants:application_detail", args=[application.pk])).content.decode()
    assert "Instruction" not in page
    assert "Plafond légal" not in page
