"""The home lists the past workshops whose attendance is still to record: the whole territory for
the managers, its own for the host commune; recording the first visit takes it off."""

from django.urls import reverse

from mutualis.core.tests.worklist import shown
from mutualis.workshops import services, worklist
from mutualis.workshops.models import Status
from mutualis.workshops.tests.factories import SessionFactory, in_days


def detail(session) -> str:
    return reverse("workshops:session_detail", args=[session.pk])


def test_the_managers_and_the_host_commune_see_the_attendance_to_record(series, wanda, eve, bob, charlie, oscar):
    past = SessionFactory(series=series, starts_at=in_days(-1), ends_at=in_days(-1, hour=16))
    SessionFactory(series=series)  # to come
    SessionFactory(series=series, starts_at=in_days(-2), ends_at=in_days(-2, hour=16), status=Status.CANCELLED)
    for user in (wanda, eve, bob):
        assert shown(worklist.attendance_to_record, user) == [detail(past)]
    assert shown(worklist.attendance_to_record, charlie) == []
    assert shown(worklist.attendance_to_record, oscar) == []


def test_the_first_visit_takes_the_workshop_off_the_list(series, wanda):
    past = SessionFactory(series=series, starts_at=in_days(-1), ends_at=in_days(-1, hour=16))
    services.visit_record(session=past, name="Paul Durand", by=wanda)
    assert shown(worklist.attendance_to_record, wanda) == []


def test_the_list_links_to_the_past_published_workshops(client, series, wanda):
    past = SessionFactory(series=series, starts_at=in_days(-1), ends_at=in_days(-1, hour=16))
    held = SessionFactory(series=series, starts_at=in_days(-3), ends_at=in_days(-3, hour=16), status=Status.HELD)
    found = worklist.attendance_to_record(wanda.memberships.get(), in_days(0).date())
    client.force_login(wanda)
    page = client.get(found.url).content.decode()
    assert detail(past) in page and detail(held) not in page


def test_the_list_is_one_query(series, wanda, django_assert_num_queries):
    for days in (1, 2, 3):
        SessionFactory(series=series, starts_at=in_days(-days), ends_at=in_days(-days, hour=16))
    membership = wanda.memberships.select_related("organisation").get()
    worklist.attendance_to_record(membership, in_days(0).date())  # the person's seats are read once per home
    with django_assert_num_queries(1):
        assert worklist.attendance_to_record(membership, in_days(0).date()).count == 3


def test_a_workshop_of_today_waits_for_tomorrow(series, wanda):
    """The list reads the day, not the hour: the home may be kept for the day."""
    SessionFactory(series=series, starts_at=in_days(0, hour=8), ends_at=in_days(0, hour=9))
    assert shown(worklist.attendance_to_record, wanda) == []
