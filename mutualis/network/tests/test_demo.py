"""The demo's network: 2019 and 2020 give the seed's figures through the indicators (SST 2019: 90
agents of 8 communes; UNION 2019: 23 and 20 secretaries; 2 SST sessions in 2020; 7 conferences)."""

from mutualis.core.indicators import compute
from mutualis.core.periods import current_year, year_span
from mutualis.demo.network import load_network
from mutualis.demo.tests.reload import load_again
from mutualis.network.indicators import attended
from mutualis.network.models import Meeting, MeetingStatus, Profile, SeatStatus


def test_2019_and_2020_give_the_seed_figures(grand_dole):
    assert compute("network.sst_trained", grand_dole, *year_span(2019)) == 90
    sst = attended(grand_dole, *year_span(2019)).filter(session__planned__certificate_kind="sst")
    assert sst.values("profile__organisation").distinct().count() == 8
    union = attended(grand_dole, *year_span(2019)).filter(session__planned__title__startswith="UNION")
    counts = sorted(union.values_list("session__planned__title", flat=True))
    assert counts.count("UNION – État civil") == 23
    assert counts.count("UNION – Formalités administratives") == 20
    assert compute("network.sessions_held", grand_dole, *year_span(2020)) == 2
    conferences = Meeting.objects.filter(territory=grand_dole, body__name="Conférence des secrétaires de mairie",
                                         status=MeetingStatus.HELD)  # fmt: skip
    assert conferences.count() == 7


def test_the_current_year_has_a_directory_a_census_and_a_session_with_a_waiting_list(grand_dole):
    span = year_span(current_year())
    assert compute("network.agents", grand_dole, *span) >= 47 + 90
    assert compute("network.census_communes", grand_dole, *span) == 9  # one of them with no need this year
    session = grand_dole.training_sessions.get(planned__title="Sauveteur secouriste du travail – recyclage")
    assert session.seats_taken.filter(status=SeatStatus.WAITING).count() == 2
    assert Profile.objects.filter(territory=grand_dole, user__isnull=False).count() == 47
    software = grand_dole.training_sessions.get(planned__title__startswith="cart@CIM")  # the digital app's training
    assert software.seats_taken.count() == 1

    before = Profile.objects.count(), Meeting.objects.count(), grand_dole.training_sessions.count()
    load_again(grand_dole, load_network)
    assert (Profile.objects.count(), Meeting.objects.count(), grand_dole.training_sessions.count()) == before
