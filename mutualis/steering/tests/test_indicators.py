from datetime import date

from mutualis.core.indicators import compute
from mutualis.steering.models import MilestoneStatus
from mutualis.steering.tests.factories import ActionFactory, AdhesionFactory, MilestoneFactory
from mutualis.territory.models import Service


def test_participating_organisations_count_each_organisation_once(action, territory_a, commune_a, commune_b):
    ActionFactory(scheme=action.scheme, number=6, service=Service.REPLACEMENT)
    AdhesionFactory(organisation=commune_a, service=Service.EQUIPMENT, start=date(2024, 1, 1))
    AdhesionFactory(organisation=commune_a, service=Service.REPLACEMENT, start=date(2024, 1, 1))
    AdhesionFactory(organisation=commune_b, service=Service.EQUIPMENT, start=date(2024, 1, 1), end=date(2024, 6, 1))
    assert compute("steering.participating_organisations", territory_a, date(2025, 1, 1), date(2026, 1, 1)) == 1
    assert compute("steering.participating_organisations", territory_a, date(2024, 1, 1), date(2025, 1, 1)) == 2


def test_milestones_done_in_the_period(action, territory_a):
    MilestoneFactory(action=action, status=MilestoneStatus.DONE, done_on=date(2022, 12, 31))
    MilestoneFactory(action=action, status=MilestoneStatus.DONE, done_on=date(2023, 1, 1))
    assert compute("steering.milestones_done", territory_a, date(2022, 1, 1), date(2023, 1, 1)) == 1


def test_participating_organisations_leave_out_a_service_no_action_steers(action, territory_a, commune_a):
    AdhesionFactory(organisation=commune_a, service=Service.REPLACEMENT, start=date(2024, 1, 1))
    assert compute("steering.participating_organisations", territory_a, date(2025, 1, 1), date(2026, 1, 1)) == 0
