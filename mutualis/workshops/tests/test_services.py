from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from mutualis.notifications.models import Notification
from mutualis.territory.tests.factories import OrganisationFactory
from mutualis.workshops import services
from mutualis.workshops.models import Participant, RegistrationStatus, RunBy, Series, Status, Theme, Visit
from mutualis.workshops.tests.factories import SessionFactory, in_days


def register(session, name="Jeanne Martin", phone="", email="jeanne@example.org", by=None):
    return services.registration_create(session=session, name=name, phone=phone, email=email, by=by)


# ---------------------------------------------------------------- planning


def test_a_series_run_by_an_outside_body_names_it(commune_a, wanda):
    series = Series(organisation=commune_a, theme=Theme.HEALTH, title="Ameli", place="Mairie", run_by=RunBy.PROVIDER)
    with pytest.raises(ValidationError, match="organisme"):
        services.series_save(series=series, by=wanda)


def test_a_series_run_by_staff_keeps_no_provider_nor_cost(commune_a, wanda):
    series = Series(organisation=commune_a, theme=Theme.HEALTH, title="Ameli", place="Mairie", run_by=RunBy.STAFF,
                    provider="Asso", cost=Decimal("300"))  # fmt: skip
    series = services.series_save(series=series, by=wanda)
    assert (series.provider, series.cost, series.territory_id) == ("", None, commune_a.territory_id)


def test_a_series_is_hosted_by_a_commune(epci_a, wanda):
    series = Series(organisation=epci_a, theme=Theme.HEALTH, title="Ameli", place="Siège")
    with pytest.raises(ValidationError, match="commune"):
        services.series_save(series=series, by=wanda)


def test_a_session_cannot_be_added_in_the_past(series, wanda):
    with pytest.raises(ValidationError, match="passée"):
        services.session_add(series=series, starts_at=in_days(-1), ends_at=in_days(-1, 16), seats=8, by=wanda)


def test_a_session_added_waits_to_be_published(series, wanda):
    session = services.session_add(series=series, starts_at=in_days(3), ends_at=in_days(3, 16), seats=8, by=wanda)
    assert session.status == Status.PLANNED
    services.session_publish(session=session, by=wanda)
    session.refresh_from_db()
    assert session.status == Status.PUBLISHED


def test_only_a_planned_session_is_published(session, wanda):
    with pytest.raises(ValidationError, match="en préparation"):
        services.session_publish(session=session, by=wanda)


def test_cancelling_a_session_emails_those_registered_and_tells_the_host_commune(session, wanda, alice, bob):
    register(session)
    register(session, name="Sans courriel", phone="0612345678", email="")
    mail.outbox.clear()
    services.session_cancel(session=session, reason="Salle indisponible", by=wanda)
    assert [message.to for message in mail.outbox if "annulé" in message.subject.lower()][:1] == [
        ["jeanne@example.org"]
    ]
    assert set(Notification.objects.values_list("user__email", flat=True)) == {alice.email, bob.email}


def test_a_cancellation_needs_a_reason(session, wanda):
    with pytest.raises(ValidationError, match="motif"):
        services.session_cancel(session=session, reason=" ", by=wanda)


# ---------------------------------------------------------------- registrations


def test_registration_within_the_seats_is_confirmed_with_the_cancel_link(session):
    registration = register(session)
    assert registration.status == RegistrationStatus.REGISTERED
    assert registration.registered_by is None
    (message,) = mail.outbox
    assert message.to == ["jeanne@example.org"]
    assert registration.token in message.body


def test_registration_beyond_the_seats_waits(series):
    session = SessionFactory(series=series, seats=1)
    register(session, email="first@example.org")
    assert register(session, email="second@example.org").status == RegistrationStatus.WAITING


def test_registration_needs_a_phone_or_an_email(session):
    with pytest.raises(ValidationError, match="téléphone"):
        register(session, phone="", email="")


def test_the_same_person_cannot_register_twice_for_a_session(session):
    register(session)
    with pytest.raises(ValidationError, match="existe déjà"):
        register(session, name="jeanne martin")


def test_a_couple_sharing_an_address_are_two_people(session):
    register(session)
    register(session, name="Paul Martin")
    assert Participant.objects.count() == 2


def test_a_person_registering_again_elsewhere_is_the_same_participant(series, session):
    register(session)
    register(SessionFactory(series=series, starts_at=in_days(14), ends_at=in_days(14, 16)))
    assert Participant.objects.count() == 1


def test_an_unpublished_or_past_session_takes_no_registration(series):
    with pytest.raises(ValidationError, match="closes"):
        register(SessionFactory(series=series, status=Status.PLANNED))
    with pytest.raises(ValidationError, match="closes"):
        register(SessionFactory(series=series, starts_at=in_days(-1), ends_at=in_days(-1, 16)))


def test_the_town_hall_registers_a_caller(session, bob):
    registration = register(session, phone="06 12 34 56 78", email="", by=bob)
    assert registration.registered_by == bob
    assert registration.participant.phone == "0612345678"


def test_a_cancellation_promotes_the_first_waiting_and_emails_them(series):
    session = SessionFactory(series=series, seats=1)
    first = register(session, email="first@example.org")
    second = register(session, email="second@example.org")
    register(session, email="third@example.org")
    mail.outbox.clear()
    services.registration_cancel(registration=first)
    second.refresh_from_db()
    assert second.status == RegistrationStatus.REGISTERED
    assert [message.to for message in mail.outbox] == [["second@example.org"]]
    assert session.registrations.filter(status=RegistrationStatus.WAITING).count() == 1


def test_a_waiting_cancellation_promotes_nobody(series):
    session = SessionFactory(series=series, seats=1)
    register(session, email="first@example.org")
    second = register(session, email="second@example.org")
    third = register(session, email="third@example.org")
    services.registration_cancel(registration=second)
    third.refresh_from_db()
    assert third.status == RegistrationStatus.WAITING


def test_a_cancelled_registration_cannot_be_cancelled_again(session):
    registration = register(session)
    services.registration_cancel(registration=registration)
    with pytest.raises(ValidationError, match="déjà annulée"):
        services.registration_cancel(registration=registration)


def test_a_person_who_cancelled_may_register_again(session):
    services.registration_cancel(registration=register(session))
    assert register(session).status == RegistrationStatus.REGISTERED


# ---------------------------------------------------------------- attendance


@pytest.fixture
def started(series):
    return SessionFactory(series=series, starts_at=timezone.now() - timedelta(hours=1),
                          ends_at=timezone.now() + timedelta(hours=1))  # fmt: skip


def test_attendance_from_the_list_marks_the_session_held(started, bob, sector_a):
    participant = Participant.objects.create(territory=started.series.territory, name="Jeanne", phone="0612345678")
    registration = started.registrations.create(participant=participant, status=RegistrationStatus.REGISTERED,
                                                token="t1")  # fmt: skip
    visit = services.visit_record(session=started, by=bob, registration=registration, gender="woman", age=71,
                                  sector=sector_a)  # fmt: skip
    started.refresh_from_db()
    participant.refresh_from_db()
    assert started.status == Status.HELD and not visit.walk_in
    assert (participant.gender, participant.age, participant.sector) == ("woman", 71, sector_a)


def test_a_walk_in_is_recorded_by_name(started, bob):
    visit = services.visit_record(session=started, by=bob, name="Paul Durand", gender="man", age=64)
    assert visit.walk_in and visit.participant.name == "Paul Durand"


def test_a_walk_in_needs_a_name(started, bob):
    with pytest.raises(ValidationError, match="nom"):
        services.visit_record(session=started, by=bob)


def test_attendance_waits_for_the_session_to_start(session, bob):
    with pytest.raises(ValidationError, match="pas encore commencé"):
        services.visit_record(session=session, by=bob, name="Paul Durand")


def test_a_person_is_counted_once_per_session(started, bob):
    visit = services.visit_record(session=started, by=bob, name="Paul Durand")
    registration = started.registrations.create(participant=visit.participant, status="registered", token="t2")
    with pytest.raises(ValidationError, match="déjà enregistrée"):
        services.visit_record(session=started, by=bob, registration=registration)


def test_a_sector_of_another_territory_is_refused(started, bob, territory_b):
    from mutualis.territory.models import Sector

    other = Sector.objects.create(territory=territory_b, name="Ailleurs")
    with pytest.raises(ValidationError, match="secteur"):
        services.visit_record(session=started, by=bob, name="Paul", sector=other)


# ---------------------------------------------------------------- nightly


def test_the_reminder_goes_the_day_before_to_those_with_an_email_once(series):
    tomorrow = SessionFactory(series=series, starts_at=in_days(1), ends_at=in_days(1, 16))
    later = SessionFactory(series=series, starts_at=in_days(2), ends_at=in_days(2, 16))
    register(tomorrow)
    register(tomorrow, name="Sans courriel", phone="0612345678", email="")
    register(later, email="later@example.org")
    mail.outbox.clear()
    assert services.reminders_send() == 1
    assert [message.to for message in mail.outbox] == [["jeanne@example.org"]]
    assert services.reminders_send() == 0


def test_the_purge_erases_names_after_the_retention_but_keeps_the_figures(series, frozen_clock, bob):
    from mutualis.core.periods import year_span
    from mutualis.workshops import indicators

    past = SessionFactory(series=series, starts_at=timezone.now() - timedelta(hours=1),
                          ends_at=timezone.now() + timedelta(hours=1))  # fmt: skip
    services.visit_record(session=past, by=bob, name="Paul Durand", gender="man", age=70)
    year = timezone.localdate().year
    before = [item(series.territory, *year_span(year)) for item in (indicators.held, indicators.people_helped,
              indicators.visit_count, indicators.seniors_share)]  # fmt: skip
    assert services.participants_purge(now=timezone.now() + timedelta(days=300)) == 0
    assert services.participants_purge(now=timezone.now() + timedelta(days=400)) == 1
    person = Visit.objects.get().participant
    assert (person.name, person.phone, person.email, person.age, person.gender) == ("", "", "", 70, "man")
    assert person.purged_at is not None
    after = [item(series.territory, *year_span(year)) for item in (indicators.held, indicators.people_helped,
             indicators.visit_count, indicators.seniors_share)]  # fmt: skip
    assert after == before == [1, 1, 1, Decimal("100.0")]


def test_the_purge_follows_the_territory_retention(series, bob):
    from mutualis.workshops.models import Policy

    Policy.objects.create(territory=series.territory, retention_months=3)
    past = SessionFactory(series=series, starts_at=timezone.now() - timedelta(hours=1),
                          ends_at=timezone.now() + timedelta(hours=1))  # fmt: skip
    services.visit_record(session=past, by=bob, name="Paul Durand")
    assert services.participants_purge(now=timezone.now() + timedelta(days=100)) == 1


def test_the_purge_leaves_other_territories_alone(series, bob, territory_b):
    other = SessionFactory(series__organisation=OrganisationFactory(territory=territory_b))
    register(other)
    assert services.participants_purge(now=timezone.now() + timedelta(days=30)) == 0
