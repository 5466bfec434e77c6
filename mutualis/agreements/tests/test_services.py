from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from mutualis.agreements.models import Convention, ConventionTemplate, Instrument, Status
from mutualis.agreements.services import (
    convention_cancel,
    convention_create,
    convention_end,
    convention_send,
    convention_sign,
    template_for,
)
from mutualis.agreements.tests.conftest import scan
from mutualis.agreements.tests.factories import ConventionFactory


def create(territory, parties, **overrides):
    fields = {
        "territory": territory,
        "instrument": Instrument.SERVICE_PROVISION,
        "title": "Prestation",
        "object": "Entretien des espaces verts",
        "parties": parties,
        "start": date(2025, 1, 1),
    }
    return convention_create(**{**fields, **overrides})


# Creation


def test_create_makes_a_draft_with_parties_in_order_and_roles(convention, epci_a, commune_a):
    assert convention.status == Status.DRAFT
    assert [(p.organisation, p.role) for p in convention.convention_parties.all()] == [
        (epci_a, "prêteur"),
        (commune_a, "emprunteur"),
    ]
    assert convention.organisation_ids() == {epci_a.pk, commune_a.pk}


def test_create_renders_the_body_from_the_territory_template(convention):
    assert "Vu CGCT L5211-4-3 ;" in convention.body
    assert "Entre Agglo A (prêteur) et Jouhe (emprunteur), il est convenu" in convention.body
    assert "du 1er mars 2025 au 31 mars 2025 inclus" in convention.body
    assert "1\u00a0250,00\u00a0€ (forfait de mise à disposition)" in convention.body


def test_create_takes_the_template_title_when_none_is_given(territory_a, epci_a, commune_a):
    convention = create(territory_a, [(epci_a, "prestataire"), (commune_a, "bénéficiaire")], title=" ")
    assert convention.title == "Convention de prestation de service"


def test_an_object_ending_with_a_full_stop_reads_well_in_the_text(territory_a, epci_a, commune_a):
    parties = [(epci_a, "prêteur"), (commune_a, "emprunteur")]
    convention = create(territory_a, parties, instrument=Instrument.POOLING_OF_RESOURCES, object="Une balayeuse.")
    assert "Une balayeuse, selon" in convention.body
    assert "balayeuse.," not in convention.body


def test_create_without_end_is_open_ended(territory_a, epci_a, commune_a):
    convention = create(territory_a, [(epci_a, "prestataire"), (commune_a, "bénéficiaire")])
    assert convention.end is None
    assert "à compter du 1er janvier 2025, sans date de fin" in convention.body


def test_create_refuses_a_party_of_another_territory(territory_a, epci_a, epci_b):
    with pytest.raises(ValidationError) as error:
        create(territory_a, [(epci_a, "prestataire"), (epci_b, "bénéficiaire")])
    assert "parties" in error.value.message_dict
    assert not Convention.objects.exists()


def test_create_refuses_a_single_party(territory_a, epci_a):
    with pytest.raises(ValidationError, match="au moins deux parties"):
        create(territory_a, [(epci_a, "prestataire")])


def test_create_refuses_the_same_organisation_twice(territory_a, epci_a):
    with pytest.raises(ValidationError, match="qu'une fois"):
        create(territory_a, [(epci_a, "prestataire"), (epci_a, "bénéficiaire")])


def test_create_refuses_a_party_without_role(territory_a, epci_a, commune_a):
    with pytest.raises(ValidationError, match="qualité"):
        create(territory_a, [(epci_a, "prestataire"), (commune_a, " ")])


@pytest.mark.parametrize("end", [date(2025, 1, 1), date(2024, 12, 31)])
def test_create_refuses_an_end_not_after_the_start(territory_a, epci_a, commune_a, end):
    with pytest.raises(ValidationError) as error:
        create(territory_a, [(epci_a, "prestataire"), (commune_a, "bénéficiaire")], end=end)
    assert "end" in error.value.message_dict


def test_create_refuses_a_negative_amount(territory_a, epci_a, commune_a):
    with pytest.raises(ValidationError) as error:
        create(territory_a, [(epci_a, "prestataire"), (commune_a, "bénéficiaire")], amount=Decimal("-1"))
    assert "amount" in error.value.message_dict


def test_create_refuses_an_unknown_instrument(territory_a, epci_a, commune_a):
    with pytest.raises(ValidationError) as error:
        create(territory_a, [(epci_a, "prestataire"), (commune_a, "bénéficiaire")], instrument="treaty")
    assert "instrument" in error.value.message_dict


def test_create_attaches_the_object_it_covers(territory_a, epci_a, commune_a, sector_a):
    convention = create(territory_a, [(epci_a, "prestataire"), (commune_a, "bénéficiaire")], source=sector_a)
    assert Convention.objects.get(pk=convention.pk).source == sector_a
    assert list(Convention.objects.for_source(sector_a)) == [convention]


def test_create_records_its_author_in_history(convention, eve):
    assert convention.created_by == eve
    assert convention.history.get().history_user == eve


def test_a_later_template_edit_leaves_existing_conventions_unchanged(convention, territory_a):
    template = template_for(territory_a, Instrument.POOLING_OF_RESOURCES)
    template.body = "Texte nouveau pour {{ parties }}."
    template.save()
    convention.refresh_from_db()
    assert "Texte nouveau" not in convention.body
    assert "Article 1 – Objet" in convention.body


def test_create_uses_the_edited_template_for_new_conventions(territory_a, epci_a, commune_a):
    template = template_for(territory_a, Instrument.SERVICE_PROVISION)
    template.body = "Entre {{ parties }} : {{ object }}."
    template.save()
    convention = create(territory_a, [(epci_a, "prestataire"), (commune_a, "bénéficiaire")])
    assert convention.body == "Entre Agglo A (prestataire) et Jouhe (bénéficiaire) : Entretien des espaces verts."


# Allowed transitions


def test_send_moves_a_draft_to_sent_and_dates_it(convention, eve):
    convention_send(convention=convention, by=eve)
    convention.refresh_from_db()
    assert convention.status == Status.SENT
    assert convention.sent_at is not None


def test_sign_moves_a_sent_convention_to_signed_with_date_and_scan(sent, eve):
    convention_sign(convention=sent, signed_on=date(2025, 2, 20), signed_scan=scan(), by=eve)
    sent.refresh_from_db()
    assert sent.status == Status.SIGNED
    assert sent.signed_on == date(2025, 2, 20)
    assert sent.signed_scan.read().startswith(b"%PDF")


def test_end_moves_a_signed_convention_to_ended(signed, eve):
    convention_end(convention=signed, ended_on=date(2025, 4, 1), by=eve)
    signed.refresh_from_db()
    assert signed.status == Status.ENDED
    assert signed.ended_on == date(2025, 4, 1)


def test_end_defaults_to_today(signed, eve):
    convention_end(convention=signed, by=eve)
    assert signed.ended_on == timezone.localdate()


def test_cancel_moves_a_draft_to_cancelled(convention, eve):
    convention_cancel(convention=convention, by=eve)
    convention.refresh_from_db()
    assert convention.status == Status.CANCELLED


def test_cancel_moves_a_sent_convention_to_cancelled(sent, eve):
    convention_cancel(convention=sent, by=eve)
    sent.refresh_from_db()
    assert sent.status == Status.CANCELLED


def test_each_status_change_keeps_who_and_when(signed, eve):
    changes = signed.status_changes()
    assert [c.status for c in changes] == [Status.DRAFT, Status.SENT, Status.SIGNED]
    assert {c.user for c in changes} == {eve}
    assert changes[0].date <= changes[1].date <= changes[2].date


# Forbidden transitions

ACTIONS = {
    "send": lambda c: convention_send(convention=c),
    "sign": lambda c: convention_sign(convention=c, signed_on=date(2025, 2, 20), signed_scan=scan()),
    "end": lambda c: convention_end(convention=c, ended_on=date(2025, 6, 1)),
    "cancel": lambda c: convention_cancel(convention=c),
}
ALLOWED = {(Status.DRAFT, "send"), (Status.SENT, "sign"), (Status.SIGNED, "end"), (Status.DRAFT, "cancel"),
           (Status.SENT, "cancel")}  # fmt: skip
FORBIDDEN = [(status, action) for status in Status for action in ACTIONS if (status, action) not in ALLOWED]


def convention_in(status: Status, territory) -> Convention:
    if status in (Status.SIGNED, Status.ENDED):
        ended_on = date(2025, 4, 1) if status == Status.ENDED else None
        return ConventionFactory(territory=territory, signed=True, status=status, ended_on=ended_on)
    return ConventionFactory(territory=territory, status=status)


@pytest.mark.parametrize("status, action", FORBIDDEN, ids=[f"{s.value}-{a}" for s, a in FORBIDDEN])
def test_forbidden_transition_is_refused(territory_a, status, action):
    convention = convention_in(status, territory_a)
    with pytest.raises(ValidationError, match="ne peut pas passer"):
        ACTIONS[action](convention)
    convention.refresh_from_db()
    assert convention.status == status


def test_transition_reads_the_current_status_not_a_stale_copy(convention, eve):
    stale = Convention.objects.get(pk=convention.pk)
    convention_cancel(convention=convention, by=eve)
    with pytest.raises(ValidationError):
        convention_send(convention=stale, by=eve)
    assert Convention.objects.get(pk=convention.pk).status == Status.CANCELLED


# Signature and end rules


def test_sign_requires_a_scan(sent, eve):
    with pytest.raises(ValidationError) as error:
        convention_sign(convention=sent, signed_on=date(2025, 2, 20), signed_scan=None, by=eve)
    assert "signed_scan" in error.value.message_dict


@pytest.mark.parametrize("name", ["convention.docx", "convention.exe", "convention"])
def test_sign_refuses_other_file_types(sent, eve, name):
    with pytest.raises(ValidationError) as error:
        convention_sign(convention=sent, signed_on=date(2025, 2, 20), signed_scan=scan(name), by=eve)
    assert "signed_scan" in error.value.message_dict


@pytest.mark.parametrize("name", ["scan.PDF", "scan.png", "scan.jpg", "scan.jpeg"])
def test_sign_accepts_pdf_and_images(sent, eve, name):
    convention_sign(convention=sent, signed_on=date(2025, 2, 20), signed_scan=scan(name), by=eve)
    assert sent.status == Status.SIGNED


def test_sign_refuses_a_scan_over_10_mb(sent, eve):
    big = scan(content=b"%PDF" + b"0" * (10 * 1024 * 1024 - 3))
    with pytest.raises(ValidationError, match="10 Mo"):
        convention_sign(convention=sent, signed_on=date(2025, 2, 20), signed_scan=big, by=eve)


def test_sign_accepts_a_scan_of_exactly_10_mb(sent, eve):
    exact = scan(content=b"%PDF-" + b"0" * (10 * 1024 * 1024 - 5))
    convention_sign(convention=sent, signed_on=date(2025, 2, 20), signed_scan=exact, by=eve)
    assert sent.status == Status.SIGNED


def test_sign_refuses_a_date_in_the_future(sent, eve):
    with pytest.raises(ValidationError) as error:
        convention_sign(convention=sent, signed_on=timezone.localdate() + timedelta(days=1), signed_scan=scan(), by=eve)
    assert "signed_on" in error.value.message_dict


def test_end_refuses_a_date_before_the_signature(signed, eve):
    with pytest.raises(ValidationError) as error:
        convention_end(convention=signed, ended_on=date(2025, 2, 19), by=eve)
    assert "ended_on" in error.value.message_dict


def test_database_refuses_a_signed_convention_without_signature_date(territory_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        ConventionFactory(territory=territory_a, status=Status.SIGNED)


def test_database_refuses_an_end_before_the_start(territory_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        ConventionFactory(territory=territory_a, start=date(2025, 3, 1), end=date(2025, 3, 1))


def test_template_for_creates_the_default_once(territory_a):
    first = template_for(territory_a, Instrument.JOINT_PURCHASING)
    assert template_for(territory_a, Instrument.JOINT_PURCHASING) == first
    assert ConventionTemplate.objects.count() == 1
    assert first.title == "Convention constitutive de groupement de commandes"
