"""The pages: what each persona sees, the photo's withdrawal everywhere, query counts."""

from datetime import date
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from mutualis.core.files import download_url
from mutualis.network import services
from mutualis.network.models import Document, Profile, SeatStatus
from mutualis.network.tests.factories import (
    EnrolmentFactory,
    MeetingFactory,
    PlannedTrainingFactory,
    ProfileFactory,
    SessionFactory,
    pdf_upload,
    photo_upload,
)


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.fixture
def julie(commune_a):
    return ProfileFactory(
        organisation=commune_a,
        first_name="Julie",
        last_name="Faivre",
        photo=photo_upload(),
        photo_consent_on=date(2026, 3, 1),
        private_phone="06 98 76 54 32",
    )


def test_the_secretary_adds_an_agent_with_a_photo(login, bob, commune_a):
    response = login(bob).post(
        reverse("network:profile_create"),
        {"organisation": commune_a.pk, "first_name": "Marc", "last_name": "Roy", "job_title": "Agent technique",
         "category": "technical", "private_phone_visibility": "nobody", "email_visibility": "territory",
         "photo": photo_upload(), "photo_consent_on": "2026-03-10"},
    )  # fmt: skip
    profile = Profile.objects.get(last_name="Roy")
    assert response.status_code == 302 and profile.photo


def test_withdrawing_consent_removes_the_photo_from_the_pages_the_pdf_and_the_exports(login, bob, julie):
    client = login(bob)
    photo_url = download_url(julie, "photo")
    pages = [reverse("network:directory"), reverse("network:profile_detail", args=[julie.pk])]
    assert all(photo_url in client.get(page).content.decode() for page in pages)
    assert b"/Subtype /Image" in client.get(reverse("network:trombinoscope_pdf")).content
    assert photo_url in client.get(reverse("network:directory") + "?format=csv").content.decode("utf-8-sig")

    response = client.post(reverse("network:photo_withdraw", args=[julie.pk]))
    assert response.status_code == 302
    assert all(photo_url not in client.get(page).content.decode() for page in pages)
    assert b"/Subtype /Image" not in client.get(reverse("network:trombinoscope_pdf")).content
    assert photo_url not in client.get(reverse("network:directory") + "?format=csv").content.decode("utf-8-sig")
    workbook = load_workbook(BytesIO(client.get(reverse("network:directory") + "?format=xlsx").content))
    assert all(photo_url not in str(cell.value) for row in workbook.active.iter_rows() for cell in row)
    assert client.get(photo_url).status_code in (403, 404)


def test_the_private_phone_is_hidden_from_another_commune_unless_the_agent_allows(login, charlie, bob, julie):
    page = reverse("network:profile_detail", args=[julie.pk])
    assert "06 98 76 54 32" not in login(charlie).get(page).content.decode()
    assert "06 98 76 54 32" not in login(charlie).get(reverse("network:directory") + "?format=csv").content.decode()
    assert "06 98 76 54 32" in login(bob).get(page).content.decode()
    julie.private_phone_visibility = "territory"
    julie.save()
    assert "06 98 76 54 32" in login(charlie).get(page).content.decode()


def test_a_colleague_is_found_by_name_commune_sector_or_job(login, charlie, julie, sector_a, commune_a):
    client = login(charlie)
    for query in ("q=faivre", f"organisation={commune_a.pk}", f"sector={sector_a.pk}", "q=agent+technique"):
        assert "Faivre" in client.get(reverse("network:directory") + "?" + query).content.decode(), query


def test_another_territory_gets_404_on_an_agent(login, oscar, julie):
    assert login(oscar).get(reverse("network:profile_detail", args=[julie.pk])).status_code == 404


def test_the_directory_reads_as_many_queries_for_1_and_50_agents(login, charlie, commune_a, commune_b):
    ProfileFactory(organisation=commune_a, photo=photo_upload(), photo_consent_on=date(2026, 3, 1))
    client = login(charlie)
    one = queries(client, reverse("network:directory"))
    ProfileFactory.create_batch(49, organisation=commune_b)
    assert queries(client, reverse("network:directory")) == one


def test_the_meeting_list_reads_as_many_queries_for_1_and_50_meetings(login, bob, territory_a, nina):
    MeetingFactory(body__territory=territory_a, created_by=nina)
    client = login(bob)
    one = queries(client, reverse("network:meeting_list"))
    MeetingFactory.create_batch(49, body__territory=territory_a, created_by=nina)
    assert queries(client, reverse("network:meeting_list")) == one


def test_the_session_list_reads_as_many_queries_for_1_and_50_sessions(login, bob, sst_session, paul):
    EnrolmentFactory(session=sst_session, profile=paul)
    client = login(bob)
    one = queries(client, reverse("network:session_list"))
    SessionFactory.create_batch(49, planned=sst_session.planned, created_by=sst_session.created_by)
    assert queries(client, reverse("network:session_list")) == one


def test_a_secretary_registers_her_agent_and_the_next_waits(login, bob, sst_session, jouhe_agents):
    sst_session.seats = 1
    sst_session.save()
    client = login(bob)
    for agent in jouhe_agents[:2]:
        client.post(reverse("network:enrol", args=[sst_session.pk]), {"profile": agent.pk})
    statuses = list(sst_session.seats_taken.order_by("pk").values_list("status", flat=True))
    assert statuses == [SeatStatus.REGISTERED, SeatStatus.WAITING]


def test_the_census_answer_page_records_the_needs(login, bob, territory_a, nina, commune_a):
    census = services.census_open(territory=territory_a, year=2026, closes_on=None, by=nina)
    theme = census.territory.training_themes.get(name="Hygiène, santé et sécurité au travail")
    url = reverse("network:census_answer", args=[census.pk])
    response = login(bob).post(url, {f"agents_{theme.pk}": "3", f"comment_{theme.pk}": "SST"})
    assert response.status_code == 302
    assert census.needs.get(organisation=commune_a).agents == 3
    page = login(nina).get(reverse("network:census_consolidation", args=[census.pk])).content.decode()
    assert "Hygiène, santé et sécurité au travail" in page


def test_the_no_need_button_answers_and_the_consolidation_counts_the_commune(login, bob, territory_a, nina, commune_a):
    census = services.census_open(territory=territory_a, year=2026, closes_on=None, by=nina)
    response = login(bob).post(reverse("network:census_answer", args=[census.pk]), {"no_need": "1"})
    assert response.status_code == 302
    assert census.answers.get(organisation=commune_a).no_need
    page = login(nina).get(reverse("network:census_consolidation", args=[census.pk])).content.decode()
    assert "1 commune a répondu" in page
    assert "Sans besoin cette année : Jouhe" in page


def test_unread_news_is_marked_read_when_opened(login, charlie, epci_a, nina):
    from mutualis.network.models import News

    news = services.news_post(news=News(organisation=epci_a, title="Conférence", text="Le 2 avril."), by=nina)
    client = login(charlie)
    assert "non lue" in client.get(reverse("network:news_list")).content.decode()
    client.get(reverse("network:news_detail", args=[news.pk]))
    assert "non lue" not in client.get(reverse("network:news_list")).content.decode()


def test_the_session_list_finds_a_softwares_sessions_by_its_name(login, bob, sst_session, territory_a, nina):
    software = PlannedTrainingFactory(plan=sst_session.planned.plan, title="cart@CIM – Prise en main")
    SessionFactory(planned=software, created_by=nina)
    page = login(bob).get(reverse("network:session_list"), {"q": "cart@cim"}).content.decode()
    assert "cart@CIM – Prise en main" in page
    assert "Sauveteur secouriste du travail" not in page


def test_the_library_offers_a_document_only_to_its_audience(login, alice, bob, nina, territory_a):
    folder = services.folder_create(territory=territory_a, name="Bureau", by=nina)
    services.document_add(
        document=Document(folder=folder, title="Note aux maires", audience="mayors"),
        upload=pdf_upload("note.pdf"),
        by=nina,
    )
    assert "Note aux maires" in login(alice).get(reverse("network:library")).content.decode()
    assert "Note aux maires" not in login(bob).get(reverse("network:library")).content.decode()
