"""Registrations to trainings: never more seats than the training has."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from mutualis.digital.models import Registration
from mutualis.digital.services import registration_cancel, registration_create, training_save
from mutualis.digital.tests.factories import TrainingFactory
from mutualis.territory.tests.factories import OrganisationFactory


@pytest.fixture
def training(software):
    return TrainingFactory(software=software, seats=2)


def test_an_organisation_takes_a_seat(training, commune_a, bob):
    registration = registration_create(training=training, organisation=commune_a, attendee="Bob", by=bob)
    assert registration.training == training


def test_a_full_training_refuses_another_registration(training, commune_a, commune_b):
    registration_create(training=training, organisation=commune_a, attendee="Bob")
    registration_create(training=training, organisation=commune_b, attendee="Charlie")
    with pytest.raises(ValidationError, match="complète"):
        registration_create(training=training, organisation=commune_b, attendee="Dana")


def test_a_cancelled_registration_frees_its_seat(training, commune_a, commune_b):
    first = registration_create(training=training, organisation=commune_a, attendee="Bob")
    registration_create(training=training, organisation=commune_b, attendee="Charlie")
    registration_cancel(registration=first)
    assert registration_create(training=training, organisation=commune_a, attendee="Alice")


def test_the_same_person_cannot_register_twice(training, commune_a):
    registration_create(training=training, organisation=commune_a, attendee="Bob")
    with pytest.raises(ValidationError, match="déjà inscrite"):
        registration_create(training=training, organisation=commune_a, attendee="bob ")


def test_a_past_training_refuses_registrations(software, commune_a):
    past = TrainingFactory(software=software, starts_at=timezone.now() - timedelta(days=1))
    with pytest.raises(ValidationError, match="déjà eu lieu"):
        registration_create(training=past, organisation=commune_a, attendee="Bob")


def test_an_organisation_of_another_territory_cannot_register(training, epci_b):
    with pytest.raises(ValidationError, match="territoire"):
        registration_create(training=training, organisation=epci_b, attendee="Oscar")


def test_seats_cannot_go_below_the_registrations(training, commune_a, commune_b):
    registration_create(training=training, organisation=commune_a, attendee="Bob")
    registration_create(training=training, organisation=commune_b, attendee="Charlie")
    training.seats = 1
    with pytest.raises(ValidationError, match="déjà prises"):
        training_save(training=training)


def test_cancelling_twice_is_refused(training, commune_a):
    registration = registration_create(training=training, organisation=commune_a, attendee="Bob")
    registration_cancel(registration=registration)
    with pytest.raises(ValidationError, match="déjà annulée"):
        registration_cancel(registration=registration)


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's in-memory test database fails concurrent writers at once instead of making them wait; "
    "the rule itself is the same service, tested above",
)
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_registrations_for_three_seats_take_three(software):
    training = TrainingFactory(software=software, seats=3)
    organisations = [OrganisationFactory(territory=software.territory) for _i in range(20)]
    barrier = threading.Barrier(len(organisations))
    taken, refused = [], []

    def register(organisation) -> None:
        try:
            barrier.wait()
            taken.append(registration_create(training=training, organisation=organisation, attendee="Agent"))
        except ValidationError as error:
            refused.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(o,)) for o in organisations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (len(taken), len(refused)) == (3, 17)
    assert Registration.objects.filter(training=training).active().count() == 3
