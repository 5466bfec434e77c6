"""Screens of the requests: ask (with attachments and suggestions), list, detail, thread."""

from datetime import timedelta
from io import BytesIO

import openpyxl
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mutualis.core.files import download_url
from mutualis.core.tests.uploads import upload
from mutualis.helpdesk.models import Request, Status
from mutualis.helpdesk.tests.factories import ArticleFactory, MessageFactory, RequestFactory

ASK = reverse("helpdesk:request_create")


def pdf(name="deliberation.pdf", size=100):
    return upload(name, b"%PDF-1.4" + b"0" * size if name.endswith(".pdf") else None)


def ask_data(**fields):
    return {"topic": "legal", "subject": "Délibération sans quorum", "question": "Est-ce valable ?", **fields}


def test_the_secretary_asks_with_attachments(login, bob, commune_a, xavier):
    response = login(bob).post(ASK, ask_data(attachments=[pdf(), pdf("plan.png")]))
    request = Request.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("helpdesk:request_detail", args=[request.pk])
    assert (request.organisation, request.created_by, request.service) == (commune_a, bob, "helpdesk")
    assert sorted(request.attachments.values_list("name", flat=True)) == ["deliberation.pdf", "plan.png"]
    assert mail.outbox[0].to == ["xavier@example.org"]


def test_an_attachment_of_a_refused_type_is_reported(login, bob):
    response = login(bob).post(ASK, ask_data(attachments=[pdf("script.exe")]))
    assert response.status_code == 200 and "attachments" in response.context["form"].errors
    assert not Request.objects.exists()


def test_an_attachment_over_10_mb_is_reported(login, bob):
    response = login(bob).post(ASK, ask_data(attachments=[pdf(size=10 * 1024 * 1024)]))
    assert "attachments" in response.context["form"].errors


def test_more_than_five_attachments_are_refused(login, bob):
    response = login(bob).post(ASK, ask_data(attachments=[pdf(f"p{n}.pdf") for n in range(6)]))
    assert "attachments" in response.context["form"].errors


def test_a_wished_date_in_the_past_is_reported(login, bob):
    yesterday = timezone.localdate() - timedelta(days=1)
    response = login(bob).post(ASK, ask_data(wished_on=yesterday.isoformat()))
    assert "wished_on" in response.context["form"].errors


def test_suggestions_show_published_articles_matching_the_words(login, bob, territory_a):
    ArticleFactory(territory=territory_a, title="Quorum du conseil municipal")
    ArticleFactory(territory=territory_a, title="Seuils des marchés publics")
    response = login(bob).get(
        reverse("helpdesk:suggestions"), {"subject": "quorum", "question": ""}, HTTP_HX_REQUEST="true"
    )
    assert b"Quorum du conseil municipal" in response.content
    assert b"Seuils" not in response.content


def test_suggestions_leave_out_drafts_and_other_territories(login, bob, territory_a, territory_b):
    ArticleFactory(territory=territory_a, title="Quorum brouillon", status="draft", published_at=None)
    ArticleFactory(territory=territory_b, title="Quorum ailleurs")
    response = login(bob).get(reverse("helpdesk:suggestions"), {"subject": "quorum"})
    assert b"Quorum" not in response.content


def test_the_commune_downloads_its_attachment(login, bob, xavier):
    login(bob).post(ASK, ask_data(attachments=[pdf()]))
    attachment = Request.objects.get().attachments.get()
    response = login(bob).get(download_url(attachment, "file"))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


def test_another_commune_cannot_download_the_attachment(login, bob, charlie):
    login(bob).post(ASK, ask_data(attachments=[pdf()]))
    attachment = Request.objects.get().attachments.get()
    assert login(charlie).get(download_url(attachment, "file")).status_code == 404


def test_the_experts_message_from_the_page_is_a_first_response(login, commune_a, bob, xavier):
    request = RequestFactory(organisation=commune_a, created_by=bob)
    login(xavier).post(reverse("helpdesk:message_post", args=[request.pk]), {"body": "Voici la réponse."})
    request.refresh_from_db()
    assert request.first_response_at is not None
    assert request.messages.get().from_expert


def test_the_communes_message_from_the_page_is_not_from_the_expert(login, commune_a, bob, xavier):
    request = RequestFactory(organisation=commune_a, created_by=bob)
    login(bob).post(reverse("helpdesk:message_post", args=[request.pk]), {"body": "Précision."})
    assert not request.messages.get().from_expert


def test_an_empty_message_is_shown_again_with_its_error(login, commune_a, bob):
    request = RequestFactory(organisation=commune_a, created_by=bob)
    response = login(bob).post(reverse("helpdesk:message_post", args=[request.pk]), {"body": ""})
    assert response.status_code == 400 and "body" in response.context["message_form"].errors


def test_the_commune_rates_from_the_page(login, commune_a, alice):
    request = RequestFactory(organisation=commune_a, status=Status.RESOLVED)
    login(alice).post(reverse("helpdesk:request_rate", args=[request.pk]), {"rating": "4", "comment": "Utile."})
    request.refresh_from_db()
    assert (request.rating, request.status) == (4, Status.CLOSED)


def test_the_expert_records_time_from_the_page(login, commune_a, xavier, rate_a):
    request = RequestFactory(organisation=commune_a, status=Status.IN_PROGRESS)
    url = reverse("helpdesk:time_record", args=[request.pk])
    login(xavier).post(url, {"day": timezone.localdate().isoformat(), "minutes": "45", "billable": "on", "note": ""})
    assert request.time_entries.get().minutes == 45


def test_the_expert_resolves_from_the_page(login, commune_a, xavier):
    request = RequestFactory(organisation=commune_a, status=Status.IN_PROGRESS)
    MessageFactory(request=request, author=xavier)
    login(xavier).post(reverse("helpdesk:request_resolve", args=[request.pk]))
    request.refresh_from_db()
    assert request.status == Status.RESOLVED


def test_the_list_filters_by_status(login, commune_a, eve):
    RequestFactory(organisation=commune_a, subject="Ouverte")
    RequestFactory(organisation=commune_a, subject="Close", status=Status.CLOSED)
    response = login(eve).get(reverse("helpdesk:request_list"), {"status": "closed"})
    assert [r.subject for r in response.context["page"]] == ["Close"]


def test_the_list_exports_with_french_headers(login, commune_a, eve):
    RequestFactory(organisation=commune_a, subject="Quorum")
    response = login(eve).get(reverse("helpdesk:request_list"), {"format": "xlsx"})
    sheet = openpyxl.load_workbook(BytesIO(response.content)).active
    assert [c.value for c in sheet[1]][:3] == ["N°", "Objet", "Organisation"]
    assert sheet["B2"].value == "Quorum"


def many_requests(organisation, count):
    for _ in range(count):
        request = RequestFactory(organisation=organisation)
        MessageFactory(request=request)


@pytest.mark.parametrize("count", [1, 30])
def test_the_list_runs_a_constant_number_of_queries(login, commune_a, eve, query_count, count):
    many_requests(commune_a, count)
    client = login(eve)
    url = reverse("helpdesk:request_list")
    client.get(url)
    assert query_count(lambda: client.get(url)) == 6


@pytest.mark.parametrize("count", [1, 10])
def test_the_detail_runs_a_constant_number_of_queries(login, commune_a, xavier, query_count, count):
    request = RequestFactory(organisation=commune_a, status=Status.IN_PROGRESS)
    for _ in range(count):
        MessageFactory(request=request, author=xavier)
    client = login(xavier)
    url = reverse("helpdesk:request_detail", args=[request.pk])
    client.get(url)
    assert query_count(lambda: client.get(url)) == 8
