from datetime import date
from decimal import Decimal

from mutualis.core.indicators import compute
from mutualis.digital.services import maintenance_post, maintenance_set, processing_archive, software_archive
from mutualis.digital.tests.factories import ProcessingActivityFactory, SoftwareAdhesionFactory, SoftwareFactory

YEAR = (date(2026, 1, 1), date(2027, 1, 1))


def test_software_offered_counts_software_in_the_catalogue(software, territory_b):
    software_archive(software=SoftwareFactory(territory=software.territory))
    SoftwareFactory(territory=territory_b)
    assert compute("digital.software_offered", software.territory, *YEAR) == 2  # archived today, offered this year
    assert compute("digital.software_offered", software.territory, date(2027, 1, 1), date(2028, 1, 1)) == 1


def test_organisations_using_software_counts_each_organisation_once(software, commune_a, commune_b):
    SoftwareAdhesionFactory(software=software, organisation=commune_a)
    SoftwareAdhesionFactory(software=SoftwareFactory(territory=software.territory), organisation=commune_a)
    SoftwareAdhesionFactory(software=software, organisation=commune_b, end=date(2025, 6, 1))
    assert compute("digital.organisations_using_software", software.territory, *YEAR) == 1


def test_maintenance_shared_sums_the_posted_shares_of_the_period(software, commune_a, commune_b, epci_a):
    SoftwareAdhesionFactory(software=software, organisation=commune_a)
    SoftwareAdhesionFactory(software=software, organisation=commune_b)
    maintenance_set(software=software, year=2026, amount=Decimal("333.33"))
    maintenance_post(software=software, year=2026)
    assert compute("digital.maintenance_shared", software.territory, *YEAR) == Decimal("333.33")
    assert compute("digital.maintenance_shared", software.territory, date(2025, 1, 1), date(2026, 1, 1)) == 0


def test_record_indicators_count_current_processings_and_their_organisations(commune_a, commune_b):
    ProcessingActivityFactory.create_batch(2, organisation=commune_a)
    processing_archive(activity=ProcessingActivityFactory(organisation=commune_b))
    territory = commune_a.territory
    assert compute("digital.organisations_with_record", territory, *YEAR) == 1
    assert compute("digital.processing_activities", territory, *YEAR) == 2
