import pytest
from django.utils import timezone

from mutualis.demo.facilities import FACILITIES, load_facilities
from mutualis.demo.tests.reload import load_again
from mutualis.facilities.models import Facility, FacilityStatus, Inspection, InspectionPlan


@pytest.fixture
def grand_dole(grand_dole):
    """The demo with its part loaded once more: the loader leaves the same state."""
    return load_again(grand_dole, load_facilities)


def test_loading_the_demo_facilities_twice_gives_the_same_state(grand_dole):
    assert Facility.objects.filter(territory=grand_dole).count() == len(FACILITIES)
    assert Inspection.objects.filter(territory=grand_dole).count() == sum(len(f[6]) for f in FACILITIES)


def test_the_demo_has_an_overdue_an_upcoming_inspection_and_a_facility_out_of_service(grand_dole):
    plans = InspectionPlan.objects.filter(territory=grand_dole)
    today = timezone.localdate()
    assert plans.overdue(today).exists()
    assert plans.upcoming(today).exists()
    assert Facility.objects.filter(territory=grand_dole, status=FacilityStatus.OUT_OF_SERVICE).count() == 1
