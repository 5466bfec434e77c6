from django.core import mail
from django.urls import reverse

from mutualis.surveys.models import Invitation
from mutualis.surveys.tests.factories import InvitationFactory


def test_preview_counts_the_recipients_without_sending(login, eve, survey, alice, charlie, bob):
    response = login(eve).post(
        reverse("surveys:survey_send", args=[survey.pk]), {"roles": ["org_manager"], "action": "preview"}
    )
    assert "2 personnes correspondent à ces critères, dont 2 à inviter" in response.content.decode()
    assert not mail.outbox and not Invitation.objects.exists()


def test_sending_to_a_sectors_mayors(login, eve, survey, alice, charlie, bob, sector_a):
    response = login(eve).post(
        reverse("surveys:survey_send", args=[survey.pk]),
        {"roles": ["org_manager"], "sectors": [sector_a.pk], "action": "send"},
    )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "charlie@example.org"]


def test_a_draft_has_no_sending_page(login, eve, draft):
    assert login(eve).get(reverse("surveys:survey_send", args=[draft.pk])).status_code == 403


def test_the_sending_page_runs_the_same_queries_for_one_or_many_invitations(login, eve, survey, query_count):
    InvitationFactory(survey=survey)
    client = login(eve)
    url = reverse("surveys:survey_send", args=[survey.pk])
    one = query_count(lambda: client.get(url))
    InvitationFactory.create_batch(10, survey=survey)
    assert query_count(lambda: client.get(url)) == one
