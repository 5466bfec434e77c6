from datetime import date

import pytest
from django.core.exceptions import ValidationError

from mutualis.network import services
from mutualis.network.models import Document, Folder, MeetingStatus, News, NewsStatus, SeatStatus
from mutualis.network.tests.factories import MeetingFactory, ProfileFactory, pdf_upload
from mutualis.notifications.models import Notification
from mutualis.territory.models import Role
from mutualis.territory.tests.factories import MembershipFactory


@pytest.fixture
def secretary_profile(commune_a, bob):
    return ProfileFactory(organisation=commune_a, user=bob, job_title="Secrétaire de mairie")


def test_an_invited_secretary_is_registered_within_the_seats(territory_a, bob, secretary_profile, nina):
    meeting = MeetingFactory(body__territory=territory_a, seats=1, created_by=nina)
    assert services.meeting_register(meeting=meeting, profile=secretary_profile, by=bob).status == SeatStatus.REGISTERED


def test_an_agent_outside_the_audience_is_refused(territory_a, bob, paul, nina):
    meeting = MeetingFactory(body__territory=territory_a, created_by=nina)  # secretaries only
    with pytest.raises(ValidationError, match="pas invité"):
        services.meeting_register(meeting=meeting, profile=paul, by=bob)


def test_the_audience_takes_in_a_sector_or_named_people(territory_a, sector_a, paul, lea, nina):
    meeting = MeetingFactory(body__territory=territory_a, audience_roles=[], created_by=nina)
    assert not meeting.invitees().exists()
    meeting.audience_profiles.add(paul)
    assert list(meeting.invitees()) == [paul]
    meeting.audience_sectors.add(sector_a)
    assert set(meeting.invitees()) == {paul, lea}


def test_a_full_meeting_puts_the_next_on_the_waiting_list_and_promotes_on_cancel(
    territory_a, commune_b, bob, charlie, secretary_profile, nina
):
    MembershipFactory(user=charlie, organisation=commune_b, role=Role.SECRETARY)
    other = ProfileFactory(organisation=commune_b, user=charlie)
    meeting = MeetingFactory(body__territory=territory_a, seats=1, created_by=nina)
    first = services.meeting_register(meeting=meeting, profile=secretary_profile, by=bob)
    second = services.meeting_register(meeting=meeting, profile=other, by=charlie)
    assert second.status == SeatStatus.WAITING
    services.registration_cancel(registration=first, by=bob)
    second.refresh_from_db()
    assert second.status == SeatStatus.REGISTERED


def test_attendance_holds_the_meeting_and_then_minutes_are_attached(territory_a, bob, secretary_profile, nina):
    meeting = MeetingFactory(body__territory=territory_a, created_by=nina)
    with pytest.raises(ValidationError):
        services.meeting_files_attach(meeting=meeting, minutes=pdf_upload(), by=nina)
    registration = services.meeting_register(meeting=meeting, profile=secretary_profile, by=bob)
    meeting = services.meeting_attendance_record(meeting=meeting, present=[registration.pk], by=nina)
    registration.refresh_from_db()
    assert registration.attended and meeting.status == MeetingStatus.HELD
    services.meeting_files_attach(meeting=meeting, minutes=pdf_upload(), by=nina)
    assert meeting.minutes


def test_a_communes_news_waits_for_moderation_and_the_managers_are_told(commune_a, bob, nina, charlie):
    news = services.news_post(news=News(organisation=commune_a, title="Fête du village", text="Le 14 juin."), by=bob)
    assert news.status == NewsStatus.PENDING
    assert not News.objects.visible_to(charlie).filter(pk=news.pk).exists()
    assert Notification.objects.filter(user=nina, event="network.news_to_moderate").exists()
    services.news_moderate(news=news, accept=True, by=nina)
    assert News.objects.visible_to(charlie).filter(pk=news.pk).exists()


def test_the_agglomerations_news_is_published_at_once(epci_a, nina):
    news = services.news_post(news=News(organisation=epci_a, title="Conférence", text="Le 2 avril."), by=nina)
    assert news.status == NewsStatus.PUBLISHED


def test_news_for_mayors_is_not_addressed_to_secretaries(epci_a, nina, bob, alice):
    news = News(organisation=epci_a, title="Conférence des maires", text="…", audience="mayors")
    services.news_post(news=news, by=nina)
    bob_seat = bob.memberships.get()
    assert not News.objects.addressed_to(bob_seat).exists()
    assert News.objects.addressed_to(alice.memberships.get()).exists()
    services.news_mark_read(news=news, user=alice)
    assert not News.objects.unread_by(alice).exists()


def test_a_new_version_of_a_document_becomes_the_one_offered(territory_a, nina):
    folder = services.folder_create(territory=territory_a, name="Guides", by=nina)
    document = services.document_add(
        document=Document(folder=folder, title="Guide des élections"), upload=pdf_upload("guide.pdf"), by=nina
    )
    version = services.version_add(document=document, upload=pdf_upload("guide-2.pdf"), note="2026", by=nina)
    document.refresh_from_db()
    assert document.latest == version and version.number == 2
    assert Folder.objects.get().documents.count() == 1


def test_a_secretary_cannot_post_for_another_commune(commune_b, bob):
    with pytest.raises(ValidationError):
        services.news_post(news=News(organisation=commune_b, title="x", text="y"), by=bob)


def test_meetings_of_the_day_are_dated(territory_a, nina):
    assert MeetingFactory(body__territory=territory_a, created_by=nina).starts_at.date() == date(2026, 4, 2)
