from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from mutualis.workshops.models import Participant, Registration, RegistrationStatus, Series, Session, Status, Visit
from mutualis.workshops.tests.factories import SessionFactory, in_days


def test_the_manager_creates_a_series_then_adds_and_publishes_a_date(login, wanda, commune_a):
    client = login(wanda)
    response = client.post(reverse("workshops:series_create"), {
        "organisation": commune_a.pk, "theme": "health", "title": "Mon espace santé", "place": "Mairie",
        "run_by": "provider", "provider": "Association Num'Jura", "cost": "350"})  # fmt: skip
    series = Series.objects.get()
    assert response.url == reverse("workshops:series_detail", args=[series.pk])
    day = in_days(10)
    client.post(response.url, {"day": day.date().isoformat(), "start": "14:00", "end": "16:00", "seats": "8"})
    session = Session.objects.get()
    assert session.status == Status.PLANNED
    client.post(reverse("workshops:session_publish", args=[session.pk]))
    session.refresh_from_db()
    assert session.status == Status.PUBLISHED


def test_an_outside_body_must_be_named(login, wanda, commune_a):
    html = login(wanda).post(reverse("workshops:series_create"), {
        "organisation": commune_a.pk, "theme": "health", "title": "Santé", "place": "Mairie",
        "run_by": "provider", "provider": ""}).content.decode()  # fmt: skip
    assert "Indiquez l&#x27;organisme" in html or "Indiquez l'organisme" in html
    assert not Series.objects.exists()


def test_the_secretary_registers_a_caller(login, bob, session):
    login(bob).post(reverse("workshops:phone_register", args=[session.pk]), {"name": "Marcel", "phone": "0384000000"})
    registration = Registration.objects.get()
    assert registration.registered_by == bob and registration.status == RegistrationStatus.REGISTERED


def test_the_secretary_of_another_commune_cannot_see_the_session(login, charlie, session):
    assert login(charlie).get(reverse("workshops:session_detail", args=[session.pk])).status_code == 403


def test_attendance_of_a_walk_in_is_recorded(login, bob, series, sector_a):
    started = SessionFactory(series=series, starts_at=timezone.now() - timedelta(hours=1),
                             ends_at=timezone.now() + timedelta(hours=1))  # fmt: skip
    login(bob).post(reverse("workshops:attendance_record", args=[started.pk]),
                    {"name": "Paul", "gender": "man", "age": "72", "sector": sector_a.pk})  # fmt: skip
    visit = Visit.objects.get()
    assert visit.walk_in and visit.participant.age == 72
    started.refresh_from_db()
    assert started.status == Status.HELD


def test_cancelling_needs_a_reason(login, wanda, session):
    html = login(wanda).post(reverse("workshops:session_cancel", args=[session.pk]), {"reason": ""}).content.decode()
    assert "Ce champ est obligatoire" in html
    session.refresh_from_db()
    assert session.status == Status.PUBLISHED


def test_the_manager_cancels(login, wanda, session):
    login(wanda).post(reverse("workshops:session_cancel", args=[session.pk]), {"reason": "Intervenant malade"})
    session.refresh_from_db()
    assert session.status == Status.CANCELLED


def _held_with_people(series, count, **person):
    session = SessionFactory(series=series, status=Status.HELD, starts_at=in_days(-3), ends_at=in_days(-3, 16))
    for number in range(count):
        participant = Participant.objects.create(territory=series.territory, name=f"P{number}", **person)
        Visit.objects.create(session=session, participant=participant)
    return session


def test_the_statistics_count_people_and_visits(login, wanda, series):
    year = timezone.localtime(_held_with_people(series, 3, gender="woman", age=70).starts_at).year
    html = login(wanda).get(reverse("workshops:statistics"), {"annee": year}).content.decode()
    assert "Personnes accompagnées en atelier numérique" in html
    assert '<td class="amount">3</td>' in html


def test_the_public_statistics_hide_small_counts(client, series):
    year = timezone.localtime(_held_with_people(series, 3, gender="woman", age=70).starts_at).year
    url = reverse("workshops:public_statistics", kwargs={"siren": series.territory.siren})
    html = client.get(url, {"annee": year}).content.decode()
    assert "&lt; 5" in html and "P0" not in html
    export = client.get(url, {"annee": year, "export": "communes", "format": "csv"}).content.decode("utf-8-sig")
    assert "< 5" in export


def test_the_statistics_query_count_is_the_same_for_1_and_50_sessions(login, wanda, series, query_count):
    client = login(wanda)
    _held_with_people(series, 2, gender="man", age=40)
    url = reverse("workshops:statistics")
    one = query_count(lambda: client.get(url))
    for _ in range(49):
        _held_with_people(series, 2, gender="woman", age=66)
    assert query_count(lambda: client.get(url)) == one


def test_the_session_page_query_count_is_the_same_for_1_and_50_registrations(login, wanda, session, query_count):
    from mutualis.workshops.tests.factories import RegistrationFactory

    client = login(wanda)
    RegistrationFactory(session=session)
    url = reverse("workshops:session_detail", args=[session.pk])
    one = query_count(lambda: client.get(url))
    for _ in range(49):
        RegistrationFactory(session=session)
    assert query_count(lambda: client.get(url)) == one


def test_the_secretary_cancels_for_a_caller_and_the_first_waiting_gets_the_seat(login, bob, series):
    from mutualis.workshops import services

    session = SessionFactory(series=series, seats=1)
    first = services.registration_create(session=session, name="Marcel", phone="0384000000", by=bob)
    waiting = services.registration_create(session=session, name="Odette", phone="0384000001", by=bob)
    login(bob).post(reverse("workshops:registration_cancel_staff", args=[first.pk]))
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.REGISTERED
