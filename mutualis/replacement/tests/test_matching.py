"""Ranked candidates: skills, free time, distance and load, with reasons; who is never proposed."""

from decimal import Decimal

import pytest

from mutualis.replacement.matching import haversine_km, peak_load, rank_candidates
from mutualis.replacement.services import preference_set, unavailability_add
from mutualis.replacement.tests.factories import AgentFactory, AssignmentFactory, RequestFactory, in_days
from mutualis.territory.tests.factories import OrganisationFactory, SectorFactory


@pytest.fixture
def request_a(commune_a, bob):
    """Commune A wants état civil, 20 h a week, for four weeks from next week."""
    return RequestFactory(organisation=commune_a, skills=["civil_status"], created_by=bob)


def agent(commune, name, skills=None, **fields):
    row = AgentFactory(home=commune, name=name, **fields)
    for skill, level in (skills or {}).items():
        row.skills.create(skill=skill, level=level)
    return row


def names(request) -> list[str]:
    return [c.agent.name for c in rank_candidates(request)[0]]


def busy(agent_row, hours: str, start=None, end=None):
    """Give an agent another mission over the request's period (or another one)."""
    request = RequestFactory(organisation=OrganisationFactory(territory=agent_row.territory))
    AssignmentFactory(request=request, agent=agent_row, weekly_hours=Decimal(hours),
                      start=start or in_days(0), end=end or in_days(60))  # fmt: skip


def test_better_skills_rank_first(request_a, commune_a):
    agent(commune_a, "Basic", {"civil_status": 1})
    agent(commune_a, "Expert", {"civil_status": 3})
    agent(commune_a, "None")
    assert names(request_a) == ["Expert", "Basic", "None"]


def test_more_free_time_ranks_first(request_a, commune_a):
    loaded = agent(commune_a, "Loaded", {"civil_status": 3})
    agent(commune_a, "Free", {"civil_status": 3})
    busy(loaded, "10")
    assert names(request_a) == ["Free", "Loaded"]


def test_nearer_ranks_first_with_coordinates(request_a, commune_a, territory_a):
    commune_a.latitude, commune_a.longitude = Decimal("47.13"), Decimal("5.45")
    commune_a.save()
    near = OrganisationFactory(territory=territory_a, latitude=Decimal("47.10"), longitude=Decimal("5.47"))
    far = OrganisationFactory(territory=territory_a, latitude=Decimal("47.00"), longitude=Decimal("5.70"))
    agent(far, "Far", {"civil_status": 3})
    agent(near, "Near", {"civil_status": 3})
    candidates = rank_candidates(request_a)[0]
    assert [c.agent.name for c in candidates] == ["Near", "Far"]
    assert "km depuis" in candidates[0].reasons[2]


def test_without_coordinates_the_same_sector_ranks_first(request_a, commune_a, commune_b, territory_a):
    elsewhere = OrganisationFactory(territory=territory_a, sector=SectorFactory(territory=territory_a, name="Sud"))
    agent(elsewhere, "Other sector", {"civil_status": 3})
    agent(commune_b, "Same sector", {"civil_status": 3})
    candidates = rank_candidates(request_a)[0]
    assert [c.agent.name for c in candidates] == ["Same sector", "Other sector"]
    assert "même secteur" in candidates[0].reasons[2]


def test_a_lighter_current_load_ranks_first(request_a, commune_a):
    """Both are free over the request's period; one is busy today, before it starts."""
    loaded = agent(commune_a, "Busy now", {"civil_status": 3})
    agent(commune_a, "Idle now", {"civil_status": 3})
    busy(loaded, "30", start=in_days(-3), end=in_days(3))
    assert names(request_a) == ["Idle now", "Busy now"]


def test_a_preferred_agent_gets_a_bonus(request_a, commune_a):
    agent(commune_a, "Anne, first by name", {"civil_status": 3})
    preferred = agent(commune_a, "Zoé", {"civil_status": 3})
    preference_set(organisation=commune_a, agent=preferred, kind="preferred")
    candidates = rank_candidates(request_a)[0]
    assert candidates[0].agent == preferred
    assert "souhaité" in candidates[0].reasons[-1]


def test_an_agent_on_leave_is_never_proposed(request_a, commune_a):
    on_leave = agent(commune_a, "On leave", {"civil_status": 3})
    unavailability_add(agent=on_leave, kind="leave", start=in_days(20), end=in_days(22))
    candidates, discarded = rank_candidates(request_a)
    assert candidates == []
    assert [d.agent for d in discarded] == [on_leave]


def test_an_excluded_agent_is_never_proposed(request_a, commune_a):
    excluded = agent(commune_a, "Excluded")
    preference_set(organisation=commune_a, agent=excluded, kind="excluded")
    assert names(request_a) == []


def test_an_agent_without_enough_free_hours_is_never_proposed(request_a, commune_a):
    full = agent(commune_a, "Full")
    busy(full, "20")
    candidates, discarded = rank_candidates(request_a)
    assert candidates == []
    assert "15 h libres" in discarded[0].reason


def test_an_agent_beyond_her_maximum_distance_is_never_proposed(request_a, commune_a, territory_a):
    commune_a.latitude, commune_a.longitude = Decimal("47.13"), Decimal("5.45")
    commune_a.save()
    far = OrganisationFactory(territory=territory_a, latitude=Decimal("46.50"), longitude=Decimal("5.45"))
    agent(far, "Far", max_km=30)
    assert names(request_a) == []


def test_inactive_agents_and_other_territories_are_left_out(request_a, commune_a, epci_b):
    agent(commune_a, "Retired", is_active=False)
    agent(epci_b, "Elsewhere")
    assert names(request_a) == []


def test_each_candidate_says_why(request_a, commune_a):
    agent(commune_a, "Expert", {"civil_status": 3})
    reasons = rank_candidates(request_a)[0][0].reasons
    assert reasons[0] == "Compétences : État civil niveau 3/3"
    assert reasons[1] == "35 h libres par semaine sur toute la période (sur 35 h)"
    assert reasons[3] == "charge actuelle : 0 h par semaine"


def test_matching_reads_a_bounded_number_of_queries(request_a, commune_a, django_assert_max_num_queries):
    for n in range(30):
        busy(agent(commune_a, f"Agent {n}", {"civil_status": 2}), "5")
    with django_assert_max_num_queries(6):
        assert len(rank_candidates(request_a)[0]) == 30


def test_peak_load_counts_only_what_overlaps_at_once():
    d = in_days
    spans = [(d(0), d(10), Decimal("10")), (d(10), d(20), Decimal("20")), (d(5), d(15), Decimal("5"))]
    assert peak_load(spans, d(0), d(20)) == Decimal("25")
    assert peak_load(spans, d(0), d(5)) == Decimal("10")


def test_haversine_between_dole_and_jouhe(commune_a, commune_b):
    commune_a.latitude, commune_a.longitude = Decimal("47.09230"), Decimal("5.48960")  # Dole
    commune_b.latitude, commune_b.longitude = Decimal("47.12530"), Decimal("5.47440")  # Jouhe
    assert 3.5 < haversine_km(commune_a, commune_b) < 4.0
