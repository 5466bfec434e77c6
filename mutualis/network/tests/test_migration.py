"""Migration 0004 carries the digital app's software trainings over to training sessions, and
their registrations to enrolments of the directory's agents: nothing lost."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from mutualis.network.models import Enrolment, Profile, SeatStatus, SessionStatus, TrainingSession
from mutualis.territory.models import Role
from mutualis.territory.tests.factories import MembershipFactory, OrganisationFactory, TerritoryFactory, UserFactory

BEFORE = [("network", "0003_session_programme"), ("digital", "0002_subscriptions_to_adhesions")]
AFTER = [("digital", "0003_trainings_to_network")]
PARIS = ZoneInfo("Europe/Paris")


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_apps():
    """The database as it was before the migrations; put back to the latest state afterwards."""
    apps = migrate(BEFORE)
    yield apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def trainings(old_apps):
    """Two trainings to Cart@CIM (one held in 2025, one to come), four registrations (one cancelled),
    written with the old models; Jouhe's directory already lists Julie Faivre."""
    Software = old_apps.get_model("digital", "Software")
    Training = old_apps.get_model("digital", "Training")
    Registration = old_apps.get_model("digital", "Registration")
    OldProfile = old_apps.get_model("network", "Profile")
    territory = TerritoryFactory()
    jouhe, foucherans = OrganisationFactory.create_batch(2, territory=territory)
    secretary = UserFactory()
    MembershipFactory(user=secretary, organisation=jouhe, role=Role.SECRETARY)
    julie = OldProfile.objects.create(
        territory_id=territory.pk, organisation_id=jouhe.pk, first_name="Julie", last_name="Faivre",
        search_name="faivre julie", job_title="Secrétaire",
    )  # fmt: skip
    cemetery = Software.objects.create(territory_id=territory.pk, name="Cart@CIM", purpose="Cimetières")
    held = Training.objects.create(
        software=cemetery,
        title="Prise en main",
        place="Salle du conseil",
        seats=8,
        starts_at=datetime(2025, 10, 2, 14, 0, tzinfo=PARIS),
        description="Les concessions",
    )
    coming = Training.objects.create(software=cemetery, title="Cart@CIM avancé", place="Dole", seats=6,
                                     starts_at=datetime(2027, 2, 4, 9, 30, tzinfo=PARIS))  # fmt: skip
    registrations = [
        Registration.objects.create(training=held, organisation_id=jouhe.pk, attendee="Julie Faivre",
                                    registered_by_id=secretary.pk),
        Registration.objects.create(training=held, organisation_id=foucherans.pk, attendee="Marc Girod"),
        Registration.objects.create(training=coming, organisation_id=jouhe.pk, attendee="julie faivre",
                                    registered_by_id=secretary.pk),
        Registration.objects.create(training=coming, organisation_id=foucherans.pk, attendee="Léa Roussel",
                                    cancelled_at=datetime(2026, 3, 1, tzinfo=PARIS)),
    ]  # fmt: skip
    return {"territory": territory, "julie": julie, "secretary": secretary, "registrations": registrations}


@pytest.mark.django_db(transaction=True)
def test_every_training_becomes_a_session_and_every_registration_an_enrolment(trainings):
    sessions_before, enrolments_before = TrainingSession.objects.count(), Enrolment.objects.count()
    migrate(AFTER)
    assert TrainingSession.objects.count() == sessions_before + 2
    assert Enrolment.objects.count() == enrolments_before + len(trainings["registrations"])
    held, coming = TrainingSession.objects.filter(territory=trainings["territory"]).order_by("starts_on")
    assert (held.planned.title, held.planned.theme.name) == ("Cart@CIM – Prise en main", "Logiciels mutualisés")
    assert coming.planned.title == "Cart@CIM avancé"  # already named after the software
    assert (str(held.starts_on), str(held.start_time), held.place, held.seats, held.description) == (
        "2025-10-02", "14:00:00", "Salle du conseil", 8, "Les concessions")  # fmt: skip
    assert (held.status, coming.status) == (SessionStatus.HELD, SessionStatus.PLANNED)


@pytest.mark.django_db(transaction=True)
def test_attendees_are_the_directorys_agents_found_by_name_or_added(trainings):
    migrate(AFTER)
    julie = Profile.objects.get(pk=trainings["julie"].pk)
    assert julie.enrolments.count() == 2  # the same agent, whatever the case of the name typed
    marc = Profile.objects.get(last_name="Girod")
    assert (marc.first_name, marc.organisation_id) == ("Marc", trainings["registrations"][1].organisation_id)
    first = julie.enrolments.order_by("session__starts_on").first()
    assert (first.attended, first.registered_by_id) == (True, trainings["secretary"].pk)
    assert Enrolment.objects.get(profile__last_name="Roussel").status == SeatStatus.CANCELLED


@pytest.mark.django_db(transaction=True)
def test_a_registration_made_by_nobody_is_recorded_as_made_by_someone_who_registered(trainings):
    migrate(AFTER)
    assert Enrolment.objects.get(profile__last_name="Girod").registered_by_id == trainings["secretary"].pk
