from django.urls import reverse
from django.utils import timezone

from mutualis.agreements import worklist
from mutualis.agreements.models import ConventionParty
from mutualis.core.tests.worklist import shown


def detail(convention) -> str:
    return reverse("agreements:convention_detail", args=[convention.pk])


def test_each_party_signs_for_itself(sent, alice, bob, eve, charlie, oscar):
    assert shown(worklist.to_sign, alice) == [detail(sent)]
    assert shown(worklist.to_sign, eve) == [detail(sent)]  # for the EPCI
    for person in (bob, charlie, oscar):
        assert shown(worklist.to_sign, person) == []


def test_a_party_that_signed_has_nothing_left_to_sign(sent, alice, eve, commune_a):
    ConventionParty.objects.filter(organisation=commune_a).update(signed_on=timezone.localdate(), signatory="Alice")
    assert shown(worklist.to_sign, alice) == []
    assert shown(worklist.to_sign, eve) == [detail(sent)]


def test_drafts_are_not_to_sign_yet_but_for_the_coordination_to_send(convention, alice, eve):
    assert shown(worklist.to_sign, alice) == []
    assert shown(worklist.to_send, eve) == [detail(convention)]
    assert shown(worklist.to_send, alice) == []


def test_the_mayors_list_link_is_filtered_on_her_organisation(sent, alice, commune_a):
    result = worklist.to_sign(alice.memberships.get(), timezone.localdate())
    assert result.url == reverse("agreements:convention_list") + f"?status=sent&organisation={commune_a.pk}"


def test_conventions_signed_lately_are_news_for_their_parties(signed, alice, charlie):
    signed.signed_on = timezone.localdate()
    signed.save()
    assert shown(worklist.signed, alice) == [detail(signed)]
    assert shown(worklist.signed, charlie) == []
