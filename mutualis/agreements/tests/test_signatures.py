"""Each party signs for itself: the commune's mayor (or delegate), the coordination for the EPCI;
the convention is signed with the last signature."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from mutualis.agreements.models import ConventionParty, Status
from mutualis.agreements.services import convention_party_sign, convention_sign
from mutualis.agreements.tests.conftest import PDF_BYTES, scan
from mutualis.agreements.tests.factories import ConventionFactory
from mutualis.core.files import download_url
from mutualis.territory.models import Role
from mutualis.territory.tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def commune_party(sent, commune_a):
    return sent.convention_parties.get(organisation=commune_a)


@pytest.fixture
def epci_party(sent, epci_a):
    return sent.convention_parties.get(organisation=epci_a)


def sign(party, by, **fields):
    return convention_party_sign(
        party=party, signed_on=fields.pop("signed_on", date(2025, 2, 20)), by=by, **{"signatory": "X", **fields}
    )


def detail(convention) -> str:
    return reverse("agreements:convention_detail", kwargs={"pk": convention.pk})


def sign_url(party) -> str:
    return reverse("agreements:party_sign", kwargs={"pk": party.pk})


# Services


def test_a_party_signature_records_day_signatory_and_who_recorded_it(commune_party, alice):
    sign(commune_party, alice, signatory="Alice Persona, maire de Jouhe")
    commune_party.refresh_from_db()
    assert (commune_party.signed_on, commune_party.signatory, commune_party.signed_by) == (
        date(2025, 2, 20),
        "Alice Persona, maire de Jouhe",
        alice,
    )


def test_the_convention_stays_sent_until_every_party_has_signed(sent, commune_party, alice):
    sign(commune_party, alice)
    sent.refresh_from_db()
    assert sent.status == Status.SENT
    assert [p.organisation.name for p in sent.unsigned_parties()] == ["Agglo A"]


def test_the_last_signature_signs_the_convention_on_its_day(sent, commune_party, epci_party, alice, eve):
    sign(commune_party, alice, signed_on=date(2025, 2, 24))
    sign(epci_party, eve, signed_on=date(2025, 2, 20))
    sent.refresh_from_db()
    assert (sent.status, sent.signed_on) == (Status.SIGNED, date(2025, 2, 24))
    assert not sent.signed_scan


def test_a_party_may_sign_with_its_signed_scan_alone(commune_party, alice):
    sign(commune_party, alice, signatory="", signed_scan=scan())
    commune_party.refresh_from_db()
    assert commune_party.signed_scan.read() == PDF_BYTES


def test_a_signature_needs_a_signatory_or_a_scan(commune_party, alice):
    with pytest.raises(ValidationError) as error:
        sign(commune_party, alice, signatory="  ")
    assert "signatory" in error.value.message_dict


def test_a_party_signs_once(commune_party, alice):
    sign(commune_party, alice)
    with pytest.raises(ValidationError, match="déjà signé"):
        sign(commune_party, alice)


def test_a_draft_is_not_signed_by_a_party(convention, commune_a, alice):
    with pytest.raises(ValidationError, match="ne peut pas passer"):
        sign(convention.convention_parties.get(organisation=commune_a), alice)


def test_a_party_signature_is_not_dated_in_the_future(commune_party, alice):
    with pytest.raises(ValidationError) as error:
        sign(commune_party, alice, signed_on=timezone.localdate() + timedelta(days=1))
    assert "signed_on" in error.value.message_dict


def test_a_party_scan_of_another_type_is_refused(commune_party, alice):
    with pytest.raises(ValidationError) as error:
        sign(commune_party, alice, signed_scan=scan("convention.docx"))
    assert "signed_scan" in error.value.message_dict


def test_the_whole_scan_records_every_party_not_yet_signed(sent, commune_party, epci_party, alice, eve):
    sign(commune_party, alice, signed_on=date(2025, 2, 18), signatory="Alice Persona, maire")
    convention_sign(convention=sent, signed_on=date(2025, 2, 20), signed_scan=scan(), by=eve)
    commune_party.refresh_from_db()
    epci_party.refresh_from_db()
    assert (commune_party.signed_on, commune_party.signatory) == (date(2025, 2, 18), "Alice Persona, maire")
    assert (epci_party.signed_on, epci_party.signed_by) == (date(2025, 2, 20), eve)
    assert epci_party.signed_scan.name == sent.signed_scan.name
    assert (sent.status, sent.signed_on) == (Status.SIGNED, date(2025, 2, 20))


def test_each_party_signature_keeps_its_history(commune_party, alice):
    sign(commune_party, alice)
    assert commune_party.history.first().history_user == alice


def test_the_database_refuses_a_party_signature_without_signatory_or_scan(territory_a):
    party = ConventionFactory(territory=territory_a).convention_parties.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        ConventionParty.objects.filter(pk=party.pk).update(signed_on=date(2025, 2, 20))


def test_a_signed_convention_may_have_no_scan_when_every_party_signed(territory_a):
    convention = ConventionFactory(territory=territory_a, status=Status.SIGNED, signed_on=date(2025, 2, 20))
    assert not convention.signed_scan


# Who may sign


def test_the_mayor_may_sign_for_her_commune_only(alice, commune_party, epci_party):
    assert alice.has_perm("agreements.sign_for_party", commune_party)
    assert not alice.has_perm("agreements.sign_for_party", epci_party)


def test_a_delegate_with_the_mayors_role_signs_for_the_commune(commune_party, commune_a):
    delegate = UserFactory()
    MembershipFactory(user=delegate, organisation=commune_a, role=Role.ORG_MANAGER, job_title="adjoint")
    assert delegate.has_perm("agreements.sign_for_party", commune_party)


def test_the_secretary_does_not_sign(bob, commune_party):
    assert not bob.has_perm("agreements.sign_for_party", commune_party)


def test_the_coordination_countersigns_for_the_epci_but_not_for_the_commune(eve, commune_party, epci_party):
    assert eve.has_perm("agreements.sign_for_party", epci_party)
    assert not eve.has_perm("agreements.sign_for_party", commune_party)


def test_another_mayor_does_not_sign(charlie, commune_party):
    assert not charlie.has_perm("agreements.sign_for_party", commune_party)


# Screens


def test_the_page_says_who_must_still_sign(login, bob, sent):
    content = login(bob).get(detail(sent)).content.decode()
    assert "Signatures manquantes : 2 parties." in content
    assert "Jouhe (le maire, le président ou son délégué)" in content
    assert "Agglo A (la coordination de l&#x27;EPCI)" in content


def test_the_mayor_finds_the_form_to_sign_for_her_commune_only(login, alice, commune_party, epci_party, sent):
    content = login(alice).get(detail(sent)).content.decode()
    assert sign_url(commune_party) in content
    assert sign_url(epci_party) not in content
    assert "Alice Persona" in content  # the signatory is proposed


def test_the_secretary_finds_no_signature_form(login, bob, commune_party, sent):
    assert sign_url(commune_party) not in login(bob).get(detail(sent)).content.decode()


def test_the_coordination_finds_the_countersignature_and_the_paper_scan_forms(login, eve, epci_party, sent):
    content = login(eve).get(detail(sent)).content.decode()
    assert sign_url(epci_party) in content
    assert reverse("agreements:convention_sign", kwargs={"pk": sent.pk}) in content


def test_the_mayor_signs_then_the_coordination_countersigns(login, alice, eve, commune_party, epci_party, sent):
    prefix = f"party-{commune_party.pk}-"
    data = {prefix + "signed_on": "2025-02-20", prefix + "signatory": "Alice Persona, maire"}
    response = login(alice).post(sign_url(commune_party), data, follow=True)
    assert "La signature de Jouhe est enregistrée." in response.content.decode()
    prefix = f"party-{epci_party.pk}-"
    data = {prefix + "signed_on": "2025-02-21", prefix + "signatory": "Eve Persona, pour le président"}
    response = login(eve).post(sign_url(epci_party), data, follow=True)
    assert "toutes les parties ont signé" in response.content.decode()
    sent.refresh_from_db()
    assert (sent.status, sent.signed_on) == (Status.SIGNED, date(2025, 2, 21))


def test_a_signature_form_error_is_shown_next_to_the_field(login, alice, commune_party):
    prefix = f"party-{commune_party.pk}-"
    response = login(alice).post(sign_url(commune_party), {prefix + "signed_on": "2025-02-20"})
    assert response.status_code == 200
    assert response.context["form"].errors["signatory"]


def test_the_party_scan_is_downloaded_by_the_other_party(login, alice, eve, commune_party, epci_a):
    sign(commune_party, alice, signed_scan=scan())
    response = login(eve).get(download_url(commune_party, "signed_scan"))
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_the_page_shows_each_signature(login, bob, alice, commune_party, sent):
    sign(commune_party, alice, signatory="Alice Persona, maire")
    content = login(bob).get(detail(sent)).content.decode()
    assert "par Alice Persona, maire" in content
    assert "Signature manquante : 1 partie." in content
