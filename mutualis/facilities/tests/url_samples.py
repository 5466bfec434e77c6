from mutualis.facilities.models import Facility, Inspection, InspectionPlan
from mutualis.facilities.tests.factories import FacilityFactory, InspectionFactory, PlanFactory


def url_samples(base: dict) -> dict:
    facility = FacilityFactory(owner=base["commune_a"])
    return {
        Facility: facility,
        InspectionPlan: PlanFactory(facility=facility),
        Inspection: InspectionFactory(facility=facility, inspector=base["bob"]),
    }
