"""Conventions govern: a gated step waits for the signature, unless the coordination waives it."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mutualis.agreements import models
from mutualis.agreements.models import GatedStep, Instrument, SignatureWaiver
from mutualis.agreements.services import (
    convention_cancel,
    convention_gate,
    convention_party_sign,
    signature_waiver_grant,
    signature_waiver_revoke,
)

STEPS = list(GatedStep)


@pytest.mark.parametrize("step", STEPS)
def test_every_step_is_refused_while_the_convention_is_a_draft(convention, step):
    with pytest.raises(ValidationError, match="n'est pas signée"):
        convention_gate(convention=convention, step=step)


@pytest.mark.parametrize("step", STEPS)
def test_every_step_is_refused_while_the_convention_awaits_signatures(sent, step):
    with pytest.raises(ValidationError, match="n'est pas signée"):
        convention_gate(convention=sent, step=step)


@pytest.mark.parametrize("step", STEPS)
def test_every_step_is_allowed_once_signed(signed, step):
    convention_gate(convention=signed, step=step)


@pytest.mark.parametrize("instrument", Instrument.values)
def test_by_default_every_instrument_gates_every_step(instrument):
    assert all(models.signature_required(instrument, step) for step in GatedStep.values)


def test_a_step_the_instrument_does_not_gate_goes_ahead_unsigned(convention, monkeypatch):
    monkeypatch.setitem(
        models.SIGNATURE_REQUIRED, Instrument.POOLING_OF_RESOURCES, frozenset({GatedStep.MISSION_START})
    )
    convention_gate(convention=convention, step=GatedStep.LOAN_HANDOVER)
    with pytest.raises(ValidationError):
        convention_gate(convention=convention, step=GatedStep.MISSION_START)


def test_the_refusal_names_the_step_and_the_parties_yet_to_sign_and_who_signs(sent, commune_a, alice):
    convention_party_sign(
        party=sent.convention_parties.get(organisation=commune_a), signed_on=date(2025, 2, 20), signatory="A", by=alice
    )
    with pytest.raises(ValidationError) as error:
        convention_gate(convention=sent, step=GatedStep.LOAN_HANDOVER)
    message = error.value.messages[0]
    assert "remise du matériel prêté" in message
    assert "Doivent encore signer : Agglo A (la coordination de l'EPCI)." in message
    assert "Jouhe" not in message.split("Doivent encore signer")[1]


def test_the_refusal_of_a_draft_says_the_coordination_must_send_it_first(convention):
    with pytest.raises(ValidationError, match="La coordination doit d'abord l'envoyer pour signature."):
        convention_gate(convention=convention, step=GatedStep.BILLING)


def test_a_step_without_convention_is_not_governed():
    convention_gate(convention=None, step=GatedStep.BILLING)


# Waivers


@pytest.mark.parametrize("step", STEPS)
def test_a_waiver_lets_every_step_go_ahead_before_the_signature(sent, eve, step):
    signature_waiver_grant(convention=sent, reason="Délibération le 12 mai", by=eve)
    convention_gate(convention=sent, step=step)


def test_a_waiver_records_who_allowed_it_when_and_why(sent, eve):
    waiver = signature_waiver_grant(convention=sent, reason="  Délibération le 12 mai ", by=eve)
    assert (waiver.granted_by, waiver.reason, waiver.is_active) == (eve, "Délibération le 12 mai", True)
    assert waiver.granted_at is not None
    assert waiver.history.first().history_user == eve


def test_a_waiver_needs_a_reason(sent, eve):
    with pytest.raises(ValidationError) as error:
        signature_waiver_grant(convention=sent, reason=" ", by=eve)
    assert "reason" in error.value.message_dict


def test_one_waiver_at_a_time(sent, eve):
    signature_waiver_grant(convention=sent, reason="Délibération", by=eve)
    with pytest.raises(ValidationError, match="déjà en vigueur"):
        signature_waiver_grant(convention=sent, reason="Encore", by=eve)


def test_a_revoked_waiver_no_longer_lets_the_step_go_ahead(sent, eve):
    waiver = signature_waiver_grant(convention=sent, reason="Délibération", by=eve)
    waiver = signature_waiver_revoke(waiver=waiver, by=eve)
    assert (waiver.revoked_by, waiver.is_active) == (eve, False)
    with pytest.raises(ValidationError):
        convention_gate(convention=sent, step=GatedStep.LOAN_HANDOVER)


def test_a_cancelled_convention_takes_no_waiver_and_its_waiver_no_longer_counts(sent, eve):
    signature_waiver_grant(convention=sent, reason="Délibération", by=eve)
    convention_cancel(convention=sent, by=eve)
    with pytest.raises(ValidationError, match="Annulée"):
        convention_gate(convention=sent, step=GatedStep.LOAN_HANDOVER)
    with pytest.raises(ValidationError, match="en attente de signature"):
        signature_waiver_grant(convention=sent, reason="Encore", by=eve)


def test_only_the_coordination_waives(sent, eve, alice):
    assert eve.has_perm("agreements.waive_signature", sent)
    assert not alice.has_perm("agreements.waive_signature", sent)


def test_the_coordination_grants_a_waiver_from_the_convention_page(login, eve, sent):
    url = reverse("agreements:convention_waive", kwargs={"pk": sent.pk})
    response = login(eve).post(url, {"reason": "Délibération le 12 mai"}, follow=True)
    assert "La dérogation est accordée" in response.content.decode()
    assert SignatureWaiver.objects.get().granted_by == eve


def test_the_waiver_is_shown_on_the_convention_page_to_the_parties(login, eve, bob, sent):
    signature_waiver_grant(convention=sent, reason="Délibération le 12 mai", by=eve)
    content = login(bob).get(reverse("agreements:convention_detail", kwargs={"pk": sent.pk})).content.decode()
    assert "Accordée par Eve Persona" in content
    assert "Motif : Délibération le 12 mai" in content
    assert "Retirer la dérogation" not in content


def test_a_mayor_cannot_grant_a_waiver(login, alice, sent):
    url = reverse("agreements:convention_waive", kwargs={"pk": sent.pk})
    assert login(alice).post(url, {"reason": "Urgence"}).status_code == 403
    assert not SignatureWaiver.objects.exists()
