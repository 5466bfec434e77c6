import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mutualis.accounts.models import User
from mutualis.territory.models import Membership, Role
from mutualis.territory.tests.factories import MembershipFactory


def invite(client, organisation, **data):
    fields = {"email": "nouvelle@example.org", "first_name": "Nina", "last_name": "Nouvelle", "role": Role.SECRETARY,
              "job_title": ""}  # fmt: skip
    return client.post(reverse("territory:member_invite", args=[organisation.pk]), {**fields, **data})


def test_coordinator_invites_a_new_person_who_sets_a_password_once(login, eve, commune_a, client):
    response = invite(login(eve), commune_a)
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="nouvelle@example.org")
    assert (membership.organisation, membership.role) == (commune_a, Role.SECRETARY)
    assert not membership.user.has_usable_password()
    [email] = mail.outbox
    assert email.to == ["nouvelle@example.org"]
    link = re.search(r"https?://\S+/comptes/invitation/\S+", email.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    client.logout()
    form_page = client.get("/" + path, follow=True)
    assert form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "un mot de passe sûr", "new_password2": "un mot de passe sûr"},
    )
    assert done.status_code == 302
    assert User.objects.get(email="nouvelle@example.org").check_password("un mot de passe sûr")
    assert client.get("/" + path, follow=True).context["validlink"] is False


def accept_link() -> str:
    (email,) = mail.outbox
    return "/" + re.search(r"https?://\S+/territoire/invitations/\S+", email.body).group(0).split("/", 3)[3]


def test_inviting_an_existing_account_grants_nothing_before_consent(login, eve, bob, commune_b):
    invite(login(eve), commune_b, email="bob@example.org")
    assert list(Membership.objects.filter(user=bob).values_list("organisation", flat=True)) == [
        bob.memberships.get().organisation_id
    ]
    assert "invitation/" not in mail.outbox[0].body
    assert mail.outbox[0].to == ["bob@example.org"]


def test_the_invited_account_accepts_from_the_emailed_link(login, eve, bob, commune_b, client):
    invite(login(eve), commune_b, email="bob@example.org", role=Role.AGENT)
    link = accept_link()
    login(bob)
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 302
    assert Membership.objects.active().filter(user=bob, organisation=commune_b, role=Role.AGENT).exists()


def test_another_account_cannot_accept_the_invitation(login, eve, bob, charlie, commune_a, client):
    invite(login(eve), commune_a, email="bob@example.org", role=Role.AGENT)
    link = accept_link()
    login(charlie)
    assert client.post(link).status_code == 400
    assert not Membership.objects.filter(organisation=commune_a, role=Role.AGENT).exists()


def test_an_invitation_link_serves_once(login, eve, bob, commune_b, client):
    invite(login(eve), commune_b, email="bob@example.org", role=Role.AGENT)
    link = accept_link()
    login(bob)
    client.post(link)
    Membership.objects.filter(user=bob, organisation=commune_b).update(ended_at=timezone.now())
    assert client.post(link).status_code == 400
    assert not Membership.objects.active().filter(user=bob, organisation=commune_b).exists()


def test_a_forged_invitation_link_is_refused(login, bob, client):
    login(bob)
    assert client.post(reverse("territory:membership_accept", args=["forged:token"])).status_code == 400


def test_accepting_needs_a_login(client):
    response = client.get(reverse("territory:membership_accept", args=["any"]))
    assert response["Location"].startswith(reverse("accounts:login"))


def test_mayor_invites_to_her_own_commune(login, alice, commune_a):
    assert invite(login(alice), commune_a).status_code == 302


def test_mayor_cannot_invite_to_another_commune(login, alice, commune_b):
    assert invite(login(alice), commune_b).status_code == 403
    assert not mail.outbox


def test_secretary_cannot_invite(login, bob, commune_a):
    assert invite(login(bob), commune_a).status_code == 403


def test_commune_roles_exclude_coordination(login, eve, commune_a):
    response = invite(login(eve), commune_a, role=Role.COORDINATOR)
    assert response.status_code == 200
    assert "role" in response.context["form"].errors


def test_same_role_twice_is_refused(login, eve, bob, commune_a):
    response = invite(login(eve), commune_a, email="bob@example.org", role=Role.SECRETARY)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_coordinator_ends_a_membership_which_stays_in_history(login, eve, bob, commune_a):
    membership = bob.memberships.get()
    response = login(eve).post(reverse("territory:membership_end", args=[membership.pk]))
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.ended_at is not None
    assert membership.history.count() == 2


def test_ended_member_loses_access(login, eve, bob, commune_a, client):
    login(eve).post(reverse("territory:membership_end", args=[bob.memberships.get().pk]))
    client.force_login(bob)
    assert client.get(reverse("territory:organisation_list")).status_code == 403


def test_secretary_cannot_end_a_membership(login, bob, alice):
    response = login(bob).post(reverse("territory:membership_end", args=[alice.memberships.get().pk]))
    assert response.status_code == 403


@pytest.mark.parametrize("method", ["get"])
def test_ending_needs_post(login, eve, bob, method):
    response = getattr(login(eve), method)(reverse("territory:membership_end", args=[bob.memberships.get().pk]))
    assert response.status_code == 405


def test_switching_membership_changes_the_acting_role(client, bob, commune_b):
    other = MembershipFactory(user=bob, organisation=commune_b, role=Role.AGENT)
    client.force_login(bob)
    client.post(reverse("territory:switch_membership"), {"membership": other.pk})
    response = client.get(reverse("portal:home"))
    assert response.wsgi_request.membership == other


def test_cannot_switch_to_someone_elses_membership(client, bob, alice):
    client.force_login(bob)
    response = client.post(reverse("territory:switch_membership"), {"membership": alice.memberships.get().pk})
    assert response.status_code == 404
