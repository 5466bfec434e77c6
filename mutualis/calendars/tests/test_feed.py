"""The public .ics feed: the token is the credential, and the rows are the person's own."""

from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from mutualis.calendars.services import feed_token_create, feed_token_revoke
from mutualis.equipment.models import LoanStatus
from mutualis.equipment.tests.factories import ItemFactory, LoanFactory, RequestFactory
from mutualis.network.services import enrol
from mutualis.network.tests.factories import ProfileFactory, SessionFactory
from mutualis.replacement.tests.factories import AgentFactory, AssignmentFactory
from mutualis.territory.models import Membership
from mutualis.territory.services import membership_end

pytestmark = pytest.mark.django_db


def url_of(link) -> str:
    return reverse("calendars:feed", kwargs={"token": link.token})


def read(client, link) -> Calendar:
    response = client.get(url_of(link))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def loan_between(borrower, owner, start: date, days: int = 3, **fields):
    item = ItemFactory(owner=owner)
    request = RequestFactory(item=item, borrower=borrower, start=start, end=start + timedelta(days=days))
    return LoanFactory(request=request, **fields)


@pytest.fixture
def loans_link(bob, commune_a):
    return feed_token_create(user=bob, kind="equipment.loans", organisation=commune_a)


def test_the_loans_feed_is_an_icalendar_with_the_organisations_loans(client, loans_link, commune_a, commune_b):
    today = timezone.localdate()
    borrowed = loan_between(commune_a, commune_b, today + timedelta(days=5))
    lent = loan_between(commune_b, commune_a, today + timedelta(days=20))
    calendar = read(client, loans_link)
    assert calendar["VERSION"] == "2.0"
    assert "Mutualis" in str(calendar["PRODID"])
    assert "Prêts de matériel" in str(calendar["X-WR-CALNAME"])
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {f"equipment-loan-{borrowed.pk}@127.0.0.1", f"equipment-loan-{lent.pk}@127.0.0.1"}
    event = events[f"equipment-loan-{borrowed.pk}@127.0.0.1"]
    assert event.decoded("DTSTART") == borrowed.start
    assert str(event["SUMMARY"]).startswith("Emprunt : ")
    assert str(event["URL"]) == f"http://127.0.0.1:8000/materiel/prets/{borrowed.pk}/"
    assert "DTSTAMP" in event
    assert str(events[f"equipment-loan-{lent.pk}@127.0.0.1"]["SUMMARY"]).startswith("Prêt : ")


def test_an_all_day_loan_ends_the_day_after_its_last_day(client, loans_link, commune_a, commune_b):
    loan = loan_between(commune_a, commune_b, timezone.localdate() + timedelta(days=5), days=3)
    event = read(client, loans_link).walk("VEVENT")[0]
    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert event.decoded("DTEND") == loan.last_day + timedelta(days=1) == loan.end
    assert b"DTEND;VALUE=DATE:" in event.to_ical()


def test_the_feed_leaves_out_cancelled_loans_and_those_outside_its_window(client, loans_link, commune_a, commune_b):
    today = timezone.localdate()
    loan_between(commune_a, commune_b, today + timedelta(days=5), status=LoanStatus.CANCELLED)
    loan_between(commune_a, commune_b, today - timedelta(days=120))
    loan_between(commune_a, commune_b, today + timedelta(days=420))
    assert read(client, loans_link).walk("VEVENT") == []


def test_another_organisations_link_never_shows_this_ones_loans(client, commune_a, commune_b, charlie, epci_a):
    loan_between(commune_a, epci_a, timezone.localdate() + timedelta(days=5))
    link = feed_token_create(user=charlie, kind="equipment.loans", organisation=commune_b)
    assert read(client, link).walk("VEVENT") == []


def test_a_revoked_link_is_gone(client, loans_link):
    feed_token_revoke(feed_token=loans_link)
    assert client.get(url_of(loans_link)).status_code == 410


def test_an_unknown_token_is_not_found(client, loans_link):
    assert client.get(reverse("calendars:feed", kwargs={"token": "x" * 43})).status_code == 404


def test_a_person_who_left_the_organisation_gets_nothing(client, loans_link, bob, eve):
    membership_end(membership=Membership.objects.get(user=bob), ended_by=eve)
    assert client.get(url_of(loans_link)).status_code == 410


def test_the_feed_needs_as_many_queries_for_one_loan_as_for_many(client, loans_link, commune_a, commune_b, query_count):
    start = timezone.localdate() + timedelta(days=5)
    loan_between(commune_a, commune_b, start)
    one = query_count(lambda: client.get(url_of(loans_link)))
    for days in range(10, 60, 5):
        loan_between(commune_a, commune_b, start + timedelta(days=days))
    assert query_count(lambda: client.get(url_of(loans_link))) == one


def test_an_agents_feed_shows_their_missions(client, agent_user, commune_a):
    mission = AssignmentFactory(request__organisation=commune_a, agent__user=agent_user)
    AssignmentFactory(request__organisation=commune_a)  # another agent's
    link = feed_token_create(user=agent_user, kind="replacement.missions")
    [event] = read(client, link).walk("VEVENT")
    assert str(event["UID"]) == f"replacement-assignment-{mission.pk}@127.0.0.1"
    assert event.decoded("DTSTART") == mission.start
    assert event.decoded("DTEND") == mission.end
    assert commune_a.name in str(event["LOCATION"])


def test_a_person_who_is_no_longer_an_agent_gets_nothing(client, agent_user, commune_a):
    mission = AssignmentFactory(request__organisation=commune_a, agent__user=agent_user)
    link = feed_token_create(user=agent_user, kind="replacement.missions")
    mission.agent.is_active = False
    mission.agent.save()
    assert client.get(url_of(link)).status_code == 410


def test_a_persons_trainings_feed_shows_the_registrations_they_made(client, bob, alice, commune_a):
    day = timezone.localdate() + timedelta(days=14)
    session = SessionFactory(planned__plan__territory=commune_a.territory, starts_on=day, ends_on=day,
                             start_time=time(14, 0))  # fmt: skip
    enrol(session=session, profile=ProfileFactory(organisation=commune_a, first_name="Agent", last_name="A"), by=bob)
    enrol(session=session, profile=ProfileFactory(organisation=commune_a), by=alice)  # not by bob
    link = feed_token_create(user=bob, kind="network.trainings")
    [event] = read(client, link).walk("VEVENT")
    assert event.decoded("DTSTART") == timezone.make_aware(datetime.combine(day, time(14, 0)))
    assert event["DTSTART"].to_ical().endswith(b"Z")
    assert "DTEND" not in event
    assert "Agent A" in str(event["SUMMARY"])
    assert str(event["LOCATION"]) == session.place


def test_the_missions_and_trainings_feeds_need_as_many_queries_for_one_event_as_for_many(
    client, agent_user, bob, commune_a, query_count
):
    agent = AgentFactory(home=commune_a, user=agent_user)
    links = [
        feed_token_create(user=agent_user, kind="replacement.missions"),
        feed_token_create(user=bob, kind="network.trainings"),
    ]

    def add(count: int) -> list[int]:
        for _n in range(count):
            AssignmentFactory(request__organisation=commune_a, agent=agent)
            session = SessionFactory(planned__plan__territory=commune_a.territory,
                                     starts_on=timezone.localdate() + timedelta(days=7))  # fmt: skip
            enrol(session=session, profile=ProfileFactory(organisation=commune_a), by=bob)
        return [query_count(lambda link=link: client.get(url_of(link))) for link in links]

    assert add(1) == add(4)
