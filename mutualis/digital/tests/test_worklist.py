from django.urls import reverse

from mutualis.core.tests.worklist import shown
from mutualis.digital import worklist
from mutualis.digital.models import Registration
from mutualis.digital.tests.factories import TrainingFactory


def test_coming_trainings_are_news_for_the_territory(software, bob, oscar):
    training = TrainingFactory(software=software)
    assert shown(worklist.trainings, bob) == [reverse("digital:training_detail", args=[training.pk])]
    assert shown(worklist.trainings, oscar) == []


def test_an_organisation_follows_its_registrations(software, commune_a, alice, charlie):
    training = TrainingFactory(software=software)
    Registration.objects.create(training=training, organisation=commune_a, attendee="Bob")
    assert shown(worklist.registrations, alice) == [reverse("digital:training_detail", args=[training.pk])]
    assert shown(worklist.registrations, charlie) == []
