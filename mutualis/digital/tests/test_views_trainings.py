"""Training pages: registering one's organisation, seats shown, cancelling."""

from django.urls import reverse

from mutualis.digital.models import Registration
from mutualis.digital.services import registration_create
from mutualis.digital.tests.factories import TrainingFactory
from mutualis.territory.tests.factories import OrganisationFactory


def test_the_secretary_registers_her_commune(login, bob, software, commune_a):
    training = TrainingFactory(software=software, seats=2)
    login(bob).post(reverse("digital:registration_create", args=[training.pk]), {"attendee": "Bob Persona"})
    assert Registration.objects.get().organisation == commune_a


def test_a_full_training_says_so(login, bob, software, commune_b):
    training = TrainingFactory(software=software, seats=1)
    registration_create(training=training, organisation=commune_b, attendee="Charlie")
    response = login(bob).post(reverse("digital:registration_create", args=[training.pk]), {"attendee": "Bob"})
    assert response.status_code == 400
    assert "complète" in response.content.decode()


def test_a_commune_sees_only_its_own_registrations(login, bob, software, commune_a, commune_b):
    training = TrainingFactory(software=software)
    registration_create(training=training, organisation=commune_a, attendee="Bob")
    registration_create(training=training, organisation=commune_b, attendee="Charlie")
    response = login(bob).get(reverse("digital:training_detail", args=[training.pk]))
    assert [r.attendee for r in response.context["registrations"]] == ["Bob"]
    assert response.context["seats_left"] == 6


def test_another_commune_cannot_cancel_a_registration(login, charlie, software, commune_a):
    training = TrainingFactory(software=software)
    registration = registration_create(training=training, organisation=commune_a, attendee="Bob")
    assert login(charlie).post(reverse("digital:registration_cancel", args=[registration.pk])).status_code == 404


def test_the_training_page_runs_a_constant_number_of_queries(login, eve, software, query_count):
    training = TrainingFactory(software=software, seats=40)
    client = login(eve)
    url = reverse("digital:training_detail", args=[training.pk])
    registration_create(training=training, organisation=OrganisationFactory(territory=software.territory), attendee="A")
    one = query_count(lambda: client.get(url))
    for i in range(20):
        registration_create(
            training=training, organisation=OrganisationFactory(territory=software.territory), attendee=f"P{i}"
        )
    assert query_count(lambda: client.get(url)) == one
