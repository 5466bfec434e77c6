from mutualis.digital.models import MaintenanceCost, ProcessingActivity, Registration, Software, Training
from mutualis.digital.services import registration_create
from mutualis.digital.tests.factories import (
    MaintenanceCostFactory,
    ProcessingActivityFactory,
    SoftwareAdhesionFactory,
    SoftwareFactory,
    TrainingFactory,
)


def url_samples(base: dict) -> dict:
    software = SoftwareFactory(territory=base["commune_a"].territory)
    training = TrainingFactory(software=software)
    SoftwareAdhesionFactory(software=software, organisation=base["commune_a"])  # a user to withdraw
    return {
        Software: software,
        MaintenanceCost: MaintenanceCostFactory(software=software),
        Training: training,
        Registration: registration_create(training=training, organisation=base["commune_a"], attendee="Agent A"),
        ProcessingActivity: ProcessingActivityFactory(organisation=base["commune_a"]),
    }
