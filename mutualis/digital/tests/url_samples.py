from mutualis.digital.models import MaintenanceCost, ProcessingActivity, Software
from mutualis.digital.tests.factories import (
    MaintenanceCostFactory,
    ProcessingActivityFactory,
    SoftwareAdhesionFactory,
    SoftwareFactory,
)


def url_samples(base: dict) -> dict:
    software = SoftwareFactory(territory=base["commune_a"].territory)
    SoftwareAdhesionFactory(software=software, organisation=base["commune_a"])  # a user to withdraw
    return {
        Software: software,
        MaintenanceCost: MaintenanceCostFactory(software=software),
        ProcessingActivity: ProcessingActivityFactory(organisation=base["commune_a"]),
    }
