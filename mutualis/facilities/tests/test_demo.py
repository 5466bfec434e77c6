import io

import pytest
from django.core.management import call_command
from django.test.utils import override_settings
from django.utils import timezone

from mutualis.demo.facilities import FACILITIES, load_facilities
from mutualis.facilities.models import Facility, FacilityStatus, Inspection, InspectionPlan
from mutualis.territory.models import Organisation, OrganisationKind, Territory


@pytest.fixture
def grand_dole(db):
    call_command("load_demo", stdout=io.StringIO())
    territory = Territory.objects.get(siren="200010650")
    communes = {
        o.insee_code: o for o in Organisation.objects.filter(territory=territory, kind=OrganisationKind.COMMUNE)
    }
    epci = Organisation.objects.get(territory=territory, kind=OrganisationKind.EPCI)
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        load_facilities(territory, epci, communes)
        load_facilities(territory, epci, communes)
    return territory


def test_loading_the_demo_facilities_twice_gives_the_same_state(grand_dole):
    assert Facility.objects.filter(territory=grand_dole).count() == len(FACILITIES)
    assert Inspection.objects.filter(territory=grand_dole).count() == sum(len(f[6]) for f in FACILITIES)


def test_the_demo_has_an_overdue_an_upcoming_inspection_and_a_facility_out_of_service(grand_dole):
    plans = InspectionPlan.objects.filter(territory=grand_dole)
    today = timezone.localdate()
    assert plans.overdue(today).exists()
    assert plans.upcoming(today).exists()
    assert Facility.objects.filter(territory=grand_dole, status=FacilityStatus.OUT_OF_SERVICE).count() == 1
