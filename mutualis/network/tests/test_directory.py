from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from mutualis.network import services
from mutualis.network.models import Profile, Visibility
from mutualis.network.tests.factories import ProfileFactory, photo_upload
from mutualis.territory.models import Membership, Role


def new_profile(organisation, **fields) -> Profile:
    values = {"first_name": "Julie", "last_name": "Faivre", "job_title": "Agent d'entretien", **fields}
    return Profile(organisation=organisation, **values)


def test_a_secretary_adds_an_agent_of_her_commune(bob, commune_a):
    profile = services.profile_save(profile=new_profile(commune_a), by=bob)
    assert profile.territory_id == commune_a.territory_id
    assert Profile.objects.visible_to(bob).filter(pk=profile.pk).exists()


def test_a_secretary_cannot_add_an_agent_of_another_commune(bob, commune_b):
    with pytest.raises(ValidationError, match="maire ou secrétaire"):
        services.profile_save(profile=new_profile(commune_b), by=bob)


def test_a_photo_needs_the_agents_consent(bob, commune_a):
    with pytest.raises(ValidationError) as error:
        services.profile_save(profile=new_profile(commune_a, photo=photo_upload()), by=bob)
    assert "photo_consent_on" in error.value.error_dict


def test_withdrawing_consent_erases_the_photo_file(bob, commune_a):
    profile = services.profile_save(
        profile=new_profile(commune_a, photo=photo_upload(), photo_consent_on=date(2026, 3, 1)), by=bob
    )
    storage, name = profile.photo.storage, profile.photo.name
    assert storage.exists(name)
    services.photo_consent_withdraw(profile=profile, by=bob)
    profile.refresh_from_db()
    assert not profile.photo and profile.photo_consent_on is None
    assert not storage.exists(name)
    assert all(not hasattr(row, "photo") for row in profile.history.all())


def test_archiving_an_agent_erases_the_photo_and_keeps_the_row(bob, commune_a):
    profile = services.profile_save(
        profile=new_profile(commune_a, photo=photo_upload(), photo_consent_on=date(2026, 3, 1)), by=bob
    )
    services.profile_archive(profile=profile, by=bob)
    profile.refresh_from_db()
    assert profile.is_archived and not profile.photo
    assert not Profile.objects.current().filter(pk=profile.pk).exists()


def test_the_private_phone_shows_only_as_the_agent_allows(commune_a, alice, bob, charlie):
    paul = ProfileFactory(organisation=commune_a, private_phone="06 12 34 56 78")
    assert paul.private_phone_for(charlie) == ""  # nobody: not another commune's mayor
    assert paul.private_phone_for(bob) == "06 12 34 56 78"  # his own secretary keeps the directory
    paul.private_phone_visibility = Visibility.TERRITORY
    assert paul.private_phone_for(charlie) == "06 12 34 56 78"


def test_an_email_kept_within_the_organisation_is_hidden_from_other_communes(commune_a, charlie, alice):
    paul = ProfileFactory(organisation=commune_a, email="paul@jouhe.fr", email_visibility=Visibility.ORGANISATION)
    assert paul.email_for(charlie) == ""
    assert paul.email_for(alice) == "paul@jouhe.fr"


def test_another_territory_does_not_see_the_directory(paul, oscar):
    assert not Profile.objects.visible_to(oscar).exists()


def test_an_agent_is_invited_to_an_agents_account(bob, commune_a):
    profile = ProfileFactory(organisation=commune_a, email="julie.faivre@jouhe.fr")
    services.profile_invite(profile=profile, by=_mayor(commune_a))
    profile.refresh_from_db()
    assert profile.user.email == "julie.faivre@jouhe.fr"
    assert Membership.objects.get(user=profile.user).role == Role.AGENT
    assert "julie.faivre@jouhe.fr" in mail.outbox[-1].to


def test_an_agent_with_an_account_elsewhere_is_linked_to_it_and_offered_the_role(bob, commune_a, charlie, client):
    profile = ProfileFactory(organisation=commune_a, email="Charlie@example.org")
    services.profile_invite(profile=profile, by=bob)
    profile.refresh_from_db()
    assert profile.user == charlie
    assert "charlie@example.org" in mail.outbox[-1].to  # the role in Jouhe waits for Charlie's consent
    assert not Membership.objects.filter(user=charlie, organisation=commune_a).exists()
    client.force_login(charlie)
    assert profile.full_name in client.get(reverse("network:directory")).content.decode()


def test_a_member_of_the_organisation_is_linked_without_an_invitation(bob, commune_a):
    profile = ProfileFactory(organisation=commune_a, email="bob@example.org", private_phone="06 11 22 33 44")
    services.profile_invite(profile=profile, by=_mayor(commune_a))
    profile.refresh_from_db()
    assert profile.user == bob and mail.outbox == []
    assert profile.private_phone_for(bob) == "06 11 22 33 44"  # his own entry


def test_a_second_invitation_says_the_agent_has_an_account(bob, commune_a, charlie):
    profile = ProfileFactory(organisation=commune_a, email="charlie@example.org")
    services.profile_invite(profile=profile, by=bob)
    with pytest.raises(ValidationError, match="a déjà un compte"):
        services.profile_invite(profile=profile, by=bob)


def test_an_account_links_to_one_entry_of_the_directory(bob, commune_a, charlie):
    services.profile_invite(profile=ProfileFactory(organisation=commune_a, email="charlie@example.org"), by=bob)
    with pytest.raises(ValidationError, match="déjà lié à une autre fiche"):
        services.profile_invite(profile=ProfileFactory(organisation=commune_a, email="charlie@example.org"), by=bob)


def _mayor(commune):
    return Membership.objects.get(organisation=commune, role=Role.ORG_MANAGER).user


@pytest.fixture(autouse=True)
def _alice(alice):
    return alice


def test_search_finds_a_colleague_by_name_without_accents_or_by_job(commune_a):
    ProfileFactory(organisation=commune_a, first_name="Hélène", last_name="Prévost", job_title="Secrétaire de mairie")
    assert Profile.objects.search("prevost").count() == 1
    assert Profile.objects.search("secrétaire").count() == 1
    assert Profile.objects.search("jouhe").count() == 1
