from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from mutualis.billing.models import Charge
from mutualis.network import services
from mutualis.network.models import CensusStatus, Certificate, SeatStatus, Sharing, TrainingTheme
from mutualis.network.tests.factories import CensusFactory, CertificateFactory, EnrolmentFactory, ProfileFactory
from mutualis.notifications.models import Notification


def test_opening_the_census_seeds_the_cnfpt_domains(territory_a, nina):
    census = services.census_open(territory=territory_a, year=2026, closes_on=date(2026, 5, 31), by=nina)
    assert census.is_open
    assert TrainingTheme.objects.filter(territory=territory_a).count() == len(services.CNFPT_DOMAINS)


def test_a_commune_answers_the_census_and_a_new_answer_replaces_the_first(territory_a, commune_a, bob, nina):
    census = services.census_open(territory=territory_a, year=2026, closes_on=None, by=nina)
    safety, works = TrainingTheme.objects.filter(territory=territory_a).order_by("name")[:2]
    services.census_answer(census=census, organisation=commune_a, answers={safety: (4, ""), works: (2, "")}, by=bob)
    total = services.census_answer(census=census, organisation=commune_a, answers={safety: (3, "SST")}, by=bob)
    assert total == 3
    assert list(census.needs.values_list("agents", flat=True)) == [3]


def test_a_commune_answers_no_need_this_year(territory_a, commune_a, bob, nina):
    census = services.census_open(territory=territory_a, year=2026, closes_on=None, by=nina)
    assert services.census_answer(census=census, organisation=commune_a, answers={}, no_need=True, by=bob) == 0
    answer = census.answers.get(organisation=commune_a)
    assert answer.no_need and not census.needs.exists()


def test_no_need_and_needs_in_one_answer_are_refused(territory_a, commune_a, bob, nina):
    census = services.census_open(territory=territory_a, year=2026, closes_on=None, by=nina)
    theme = territory_a.training_themes.first()
    with pytest.raises(ValidationError, match="aucun besoin"):
        services.census_answer(census=census, organisation=commune_a, answers={theme: (2, "")}, no_need=True, by=bob)


def test_an_answer_without_any_need_must_say_no_need(territory_a, commune_a, bob, nina):
    census = services.census_open(territory=territory_a, year=2026, closes_on=None, by=nina)
    theme = territory_a.training_themes.first()
    with pytest.raises(ValidationError, match="aucun besoin"):
        services.census_answer(census=census, organisation=commune_a, answers={theme: (0, "")}, by=bob)
    assert not census.answers.exists()


def test_a_need_entered_later_undoes_the_no_need_answer(territory_a, commune_a, bob, nina):
    census = services.census_open(territory=territory_a, year=2026, closes_on=None, by=nina)
    services.census_answer(census=census, organisation=commune_a, answers={}, no_need=True, by=bob)
    theme = territory_a.training_themes.first()
    services.census_answer(census=census, organisation=commune_a, answers={theme: (2, "")}, by=bob)
    assert not census.answers.get(organisation=commune_a).no_need
    assert census.needs.get(organisation=commune_a).agents == 2


def test_a_closed_census_takes_no_answer(territory_a, commune_a, bob, nina):
    census = CensusFactory(territory=territory_a, status=CensusStatus.CLOSED)
    with pytest.raises(ValidationError, match="clos"):
        services.census_answer(census=census, organisation=commune_a, answers={}, by=bob)


def test_a_secretary_answers_only_for_her_commune(territory_a, commune_b, bob):
    census = CensusFactory(territory=territory_a)
    with pytest.raises(ValidationError):
        services.census_answer(census=census, organisation=commune_b, answers={}, by=bob)


def test_beyond_the_seats_agents_wait(sst_session, bob, jouhe_agents):
    statuses = [services.enrol(session=sst_session, profile=agent, by=bob).status for agent in jouhe_agents]
    assert statuses.count(SeatStatus.REGISTERED) == 10
    assert statuses[10:] == [SeatStatus.WAITING, SeatStatus.WAITING]


def test_an_agent_is_not_registered_twice(sst_session, bob, paul):
    services.enrol(session=sst_session, profile=paul, by=bob)
    with pytest.raises(ValidationError, match="déjà inscrit"):
        services.enrol(session=sst_session, profile=paul, by=bob)


def test_a_secretary_cannot_register_another_communes_agent(sst_session, bob, lea):
    with pytest.raises(ValidationError):
        services.enrol(session=sst_session, profile=lea, by=bob)


def test_a_freed_seat_goes_to_the_first_waiting_and_the_commune_is_told(sst_session, bob, charlie, jouhe_agents, lea):
    first = [services.enrol(session=sst_session, profile=agent, by=bob) for agent in jouhe_agents[:10]]
    waiting = services.enrol(session=sst_session, profile=lea, by=charlie)
    assert waiting.status == SeatStatus.WAITING
    services.enrolment_cancel(enrolment=first[0], by=bob)
    waiting.refresh_from_db()
    assert waiting.status == SeatStatus.REGISTERED
    assert Notification.objects.filter(user=charlie, event="network.seat_freed").exists()


def test_attendance_issues_the_sst_certificate_valid_24_months(sst_session, bob, nina, paul, lea, charlie):
    came = services.enrol(session=sst_session, profile=paul, by=bob)
    services.enrol(session=sst_session, profile=lea, by=charlie)
    services.session_attendance_record(session=sst_session, present=[came.pk], by=nina)
    certificate = Certificate.objects.get()
    assert certificate.profile == paul
    assert certificate.valid_until == date(2028, 4, 14)


def test_the_cost_is_shared_by_attendee_and_posted_once(sst_session, bob, charlie, nina, jouhe_agents, lea):
    present = [services.enrol(session=sst_session, profile=agent, by=bob).pk for agent in jouhe_agents[:2]]
    present.append(services.enrol(session=sst_session, profile=lea, by=charlie).pk)
    services.session_attendance_record(session=sst_session, present=present, by=nina)
    assert services.session_charge(session=sst_session, by=nina) == 2
    amounts = dict(Charge.objects.values_list("organisation__name", "amount"))
    assert amounts == {"Jouhe": Decimal("800.00"), "Foucherans": Decimal("400.00")}
    with pytest.raises(ValidationError):
        services.session_charge(session=sst_session, by=nina)


def test_a_cost_shared_by_commune_splits_equally(sst_session, bob, charlie, nina, jouhe_agents, lea):
    sst_session.planned.sharing = Sharing.BY_COMMUNE
    sst_session.planned.save()
    present = [services.enrol(session=sst_session, profile=agent, by=bob).pk for agent in jouhe_agents[:3]]
    present.append(services.enrol(session=sst_session, profile=lea, by=charlie).pk)
    services.session_attendance_record(session=sst_session, present=present, by=nina)
    assert sorted(services.cost_shares(sst_session).values()) == [Decimal("600.00"), Decimal("600.00")]


def test_the_recycling_reminder_is_emailed_once_before_the_certificate_lapses(paul, bob):
    CertificateFactory(profile=paul, issued_on=date(2024, 5, 20), valid_until=date(2026, 5, 20))
    assert services.recycling_reminders_send(today=date(2026, 2, 1)) == 0  # too early
    assert services.recycling_reminders_send(today=date(2026, 3, 18)) == 1
    assert services.recycling_reminders_send(today=date(2026, 3, 19)) == 0
    assert any("Vernier" in message.subject and bob.email in message.to for message in mail.outbox)


def test_a_renewed_certificate_needs_no_reminder(paul):
    CertificateFactory(profile=paul, issued_on=date(2024, 5, 20), valid_until=date(2026, 5, 20))
    CertificateFactory(profile=paul, issued_on=date(2026, 3, 1), valid_until=date(2028, 3, 1))
    assert services.recycling_reminders_send(today=date(2026, 3, 18)) == 0


def test_a_certificate_is_valid_until_its_end(paul):
    certificate = CertificateFactory(profile=paul)
    assert Certificate.objects.valid_on(date(2026, 5, 19)).filter(pk=certificate.pk).exists()
    assert not Certificate.objects.valid_on(date(2026, 5, 20)).exists()


def test_a_planned_training_stays_within_the_plans_years(sst_session, nina):
    training = sst_session.planned
    training.year = 2031
    with pytest.raises(ValidationError, match="hors de la période"):
        services.planned_training_save(training=training, by=nina)


def test_a_session_held_cannot_be_enrolled(sst_session, nina, bob, paul):
    services.session_attendance_record(session=sst_session, present=[], by=nina)
    with pytest.raises(ValidationError, match="closes"):
        services.enrol(session=sst_session, profile=paul, by=bob)


def test_an_archived_agent_cannot_be_registered(sst_session, bob, paul):
    services.profile_archive(profile=paul, by=bob)
    paul.refresh_from_db()
    with pytest.raises(ValidationError):
        services.enrol(session=sst_session, profile=paul, by=bob)


def test_enrolments_of_another_commune_can_be_cancelled_only_by_its_staff_or_managers(sst_session, lea, bob, nina):
    enrolment = EnrolmentFactory(session=sst_session, profile=lea)
    assert not bob.has_perm("network.cancel_seat", enrolment)
    assert nina.has_perm("network.cancel_seat", enrolment)


def test_the_epci_pays_nothing_to_itself(sst_session, nina, epci_a, eve):
    own = ProfileFactory(organisation=epci_a)
    enrolment = services.enrol(session=sst_session, profile=own, by=eve)
    services.session_attendance_record(session=sst_session, present=[enrolment.pk], by=nina)
    assert services.cost_shares(sst_session) == {}
