from datetime import date

from mutualis.core.indicators import compute
from mutualis.network import indicators, services, worklist
from mutualis.network.models import News
from mutualis.network.tests.factories import CensusFactory, CertificateFactory, ProfileFactory


def test_an_open_census_waits_for_the_communes_answer(bob, territory_a, commune_a, nina):
    census = services.census_open(territory=territory_a, year=2026, closes_on=None, by=nina)
    seat = bob.memberships.get()
    assert worklist.census_to_answer(seat, date(2026, 3, 18)).count == 1
    theme = census.territory.training_themes.first()
    services.census_answer(census=census, organisation=commune_a, answers={theme: (2, "")}, by=bob)
    assert worklist.census_to_answer(seat, date(2026, 3, 18)) is None


def test_a_no_need_answer_takes_the_census_off_the_home(bob, territory_a, commune_a, nina):
    census = services.census_open(territory=territory_a, year=2026, closes_on=None, by=nina)
    services.census_answer(census=census, organisation=commune_a, answers={}, no_need=True, by=bob)
    assert worklist.census_to_answer(bob.memberships.get(), date(2026, 3, 18)) is None


def test_a_certificate_ending_soon_waits_on_the_communes_home(bob, paul):
    CertificateFactory(profile=paul, valid_until=date(2026, 5, 20))
    assert worklist.recycling_due(bob.memberships.get(), date(2026, 3, 18)).count == 1
    assert worklist.recycling_due(bob.memberships.get(), date(2026, 1, 1)) is None


def test_unread_news_is_on_the_home_until_read(charlie, epci_a, nina):
    news = services.news_post(news=News(organisation=epci_a, title="Conférence", text="…"), by=nina)
    seat = charlie.memberships.get()
    assert worklist.unread_news(seat, date(2026, 3, 18)).count == 1
    services.news_mark_read(news=news, user=charlie)
    assert worklist.unread_news(seat, date(2026, 3, 18)) is None


def test_a_communes_post_waits_for_the_managers_moderation(bob, nina, commune_a):
    services.news_post(news=News(organisation=commune_a, title="Fête", text="…"), by=bob)
    assert worklist.news_to_moderate(nina.memberships.get(), date(2026, 3, 18)).count == 1
    assert worklist.news_to_moderate(bob.memberships.get(), date(2026, 3, 18)) is None


def test_the_figures_count_agents_trained_sessions_and_valid_sst(territory_a, sst_session, bob, charlie, nina,
                                                                   jouhe_agents, lea):  # fmt: skip
    present = [services.enrol(session=sst_session, profile=agent, by=bob).pk for agent in jouhe_agents[:3]]
    present.append(services.enrol(session=sst_session, profile=lea, by=charlie).pk)
    services.session_attendance_record(session=sst_session, present=present[1:], by=nina)
    span = (date(2026, 1, 1), date(2027, 1, 1))
    assert compute("network.agents_trained", territory_a, *span) == 3
    assert compute("network.communes_trained", territory_a, *span) == 2
    assert compute("network.sessions_held", territory_a, *span) == 1
    assert compute("network.seats_filled", territory_a, *span) == 3
    assert compute("network.sst_valid", territory_a, *span) == 3
    assert compute("network.sst_communes", territory_a, *span) == 2
    assert compute("network.agents", territory_a, *span) == 13


def test_communes_with_a_census_answer_count_in_the_census_year(territory_a, commune_a, bob, nina):
    census = CensusFactory(territory=territory_a, year=2026)
    services.themes_seed(territory=territory_a)
    services.census_answer(census=census, organisation=commune_a,
                           answers={territory_a.training_themes.first(): (1, "")}, by=bob)  # fmt: skip
    assert compute("network.census_communes", territory_a, date(2026, 1, 1), date(2027, 1, 1)) == 1
    assert compute("network.census_communes", territory_a, date(2025, 1, 1), date(2026, 1, 1)) == 0


def test_a_no_need_answer_counts_as_a_census_answer(territory_a, commune_a, commune_b, bob, charlie, nina):
    census = CensusFactory(territory=territory_a, year=2026)
    services.themes_seed(territory=territory_a)
    services.census_answer(census=census, organisation=commune_a, answers={}, no_need=True, by=bob)
    services.census_answer(census=census, organisation=commune_b,
                           answers={territory_a.training_themes.first(): (1, "")}, by=charlie)  # fmt: skip
    assert compute("network.census_communes", territory_a, date(2026, 1, 1), date(2027, 1, 1)) == 2


def test_an_archived_agent_leaves_the_directory_count(territory_a, commune_a, bob):
    profile = ProfileFactory(organisation=commune_a)
    services.profile_archive(profile=profile, by=bob)
    assert compute("network.agents", territory_a, date(2026, 1, 1), date(2027, 1, 1)) == 0


def test_the_communes_account_counts_its_agents_present_at_sessions(sst_session, bob, commune_a, nina, jouhe_agents):
    present = [services.enrol(session=sst_session, profile=agent, by=bob).pk for agent in jouhe_agents[:2]]
    services.session_attendance_record(session=sst_session, present=present[:1], by=nina)
    [line] = indicators.trained_agents(commune_a, date(2026, 1, 1), date(2027, 1, 1))
    assert line.quantity == 1
