"""Recipients chosen by role, organisation and sector; one personal link per person and survey."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from mutualis.surveys import services
from mutualis.surveys.models import Invitation
from mutualis.territory.models import Role
from mutualis.territory.tests.factories import MembershipFactory, OrganisationFactory, SectorFactory


@pytest.fixture
def people(alice, bob, charlie, eve, territory_a, oscar):
    """Personas, plus Dana, mayor of a commune of another sector."""
    south = SectorFactory(territory=territory_a, name="Secteur Sud")
    commune = OrganisationFactory(territory=territory_a, name="Damparis", sector=south)
    dana = MembershipFactory(organisation=commune, role=Role.ORG_MANAGER, user__email="dana@example.org").user
    return {"alice": alice, "bob": bob, "charlie": charlie, "eve": eve, "dana": dana, "south": south}


def emails(memberships):
    return sorted(m.user.email for m in memberships)


def test_recipients_by_role(territory_a, people):
    found = services.recipients(territory=territory_a, roles=[Role.ORG_MANAGER])
    assert emails(found) == ["alice@example.org", "charlie@example.org", "dana@example.org"]


def test_recipients_by_role_and_sector_combine(territory_a, people, sector_a):
    found = services.recipients(territory=territory_a, roles=[Role.ORG_MANAGER], sectors=[sector_a])
    assert emails(found) == ["alice@example.org", "charlie@example.org"]


def test_recipients_by_organisation(territory_a, people, commune_a):
    assert emails(services.recipients(territory=territory_a, organisations=[commune_a])) == [
        "alice@example.org",
        "bob@example.org",
    ]


def test_recipients_never_include_another_territory(territory_a, people):
    assert "oscar@example.org" not in emails(services.recipients(territory=territory_a))


def test_recipients_leave_out_ended_memberships(territory_a, people, eve):
    from mutualis.territory.services import membership_end

    membership_end(membership=people["charlie"].memberships.get(), ended_by=eve)
    assert "charlie@example.org" not in emails(services.recipients(territory=territory_a))


def test_sending_mails_each_person_an_absolute_personal_link(survey, territory_a, people, eve, settings):
    settings.SITE_URL = "https://mutualis.grand-dole.example"
    sent = services.invitations_send(
        survey=survey, memberships=services.recipients(territory=territory_a, roles=[Role.ORG_MANAGER]), by=eve
    )
    assert len(sent) == len(mail.outbox) == 3
    message = next(m for m in mail.outbox if m.to == ["alice@example.org"])
    invitation = Invitation.objects.get(survey=survey, user=people["alice"])
    assert f"https://mutualis.grand-dole.example/questionnaires/repondre/{invitation.token}/" in message.body
    assert survey.title in message.subject


def test_each_link_has_its_own_token(survey, territory_a, people, eve):
    services.invitations_send(survey=survey, memberships=services.recipients(territory=territory_a), by=eve)
    tokens = list(Invitation.objects.values_list("token", flat=True))
    assert len(set(tokens)) == len(tokens) == 5
    assert all(len(token) >= 40 for token in tokens)


def test_sending_again_does_not_invite_twice(survey, territory_a, people, eve):
    mayors = services.recipients(territory=territory_a, roles=[Role.ORG_MANAGER])
    services.invitations_send(survey=survey, memberships=mayors, by=eve)
    mail.outbox.clear()
    again = services.invitations_send(survey=survey, memberships=services.recipients(territory=territory_a), by=eve)
    assert emails(invitation.membership for invitation in again) == ["bob@example.org", "eve@example.org"]
    assert len(mail.outbox) == 2
    assert Invitation.objects.filter(survey=survey).count() == 5


def test_a_person_with_two_memberships_gets_one_link(survey, alice, commune_b, eve):
    MembershipFactory(user=alice, organisation=commune_b, role=Role.SECRETARY)
    sent = services.invitations_send(survey=survey, memberships=alice.memberships.all(), by=eve)
    assert len(sent) == 1


def test_a_draft_cannot_be_sent(draft, territory_a, people, eve):
    with pytest.raises(ValidationError, match="Ouvrez"):
        services.invitations_send(survey=draft, memberships=services.recipients(territory=territory_a), by=eve)
    assert not mail.outbox


def test_a_membership_of_another_territory_is_never_invited(survey, oscar, eve):
    assert services.invitations_send(survey=survey, memberships=oscar.memberships.all(), by=eve) == []
