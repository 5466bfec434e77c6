from mutualis.core.tests.uploads import upload
from mutualis.facilities.models import Facility, Inspection, InspectionPhoto, InspectionPlan
from mutualis.facilities.tests.factories import FacilityFactory, InspectionFactory, PlanFactory


def url_samples(base: dict) -> dict:
    facility = FacilityFactory(owner=base["commune_a"])
    inspection = InspectionFactory(facility=facility, inspector=base["bob"])
    return {
        Facility: facility,
        InspectionPlan: PlanFactory(facility=facility),
        Inspection: inspection,
        InspectionPhoto: InspectionPhoto.objects.create(inspection=inspection, image=upload("but.png"), consent=True),
    }
