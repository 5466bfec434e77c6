"""A file from draft to balance: every transition, limit and notice of the fonds de concours."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from mutualis.core.tests.uploads import upload
from mutualis.grants import services
from mutualis.grants.models import Application, DocumentKind, EnvelopeScope, PaymentKind, Status
from mutualis.territory.models import Body

DECIDED = date(2026, 3, 10)


@pytest.fixture(autouse=True)
def on_18_march_2026(frozen_clock):
    """These stories are told from 18 March 2026 (filing, decision on the 10th, works, payments)."""
    frozen_clock.move_to(datetime(2026, 3, 18, 10, tzinfo=ZoneInfo("Europe/Paris")))


def join(application, *kinds, by):
    for kind in kinds:
        services.document_add(application=application, kind=kind, upload=upload(f"{kind}.pdf"), by=by)


def submitted(draft, bob, **fields):
    application = draft(**fields)
    join(application, DocumentKind.DELIBERATION, DocumentKind.QUOTES, by=bob)
    return services.application_submit(application=application, by=bob)


def scheduled(draft, bob, eve, amount=Decimal("8000"), **fields):
    application = submitted(draft, bob, **fields)
    return services.amount_propose(
        application=application, amount=amount, body=Body.BUREAU, meeting_on=date(2026, 3, 9), by=eve
    )


def granted(draft, bob, eve, **fields):
    application = scheduled(draft, bob, eve, **fields)
    return services.decision_record(
        application=application, granted=True, decided_on=DECIDED, reference="B-2026-12", by=eve
    )


# ---------------------------------------------------------------- filing


def test_a_draft_keeps_the_commune_and_its_author(draft, bob, commune_a):
    application = draft()
    assert (application.status, application.territory, application.created_by) == (
        Status.DRAFT,
        commune_a.territory,
        bob,
    )
    assert application.own_funds == Decimal("16000")


def test_one_files_only_for_a_commune_where_one_is_mayor_or_secretary(draft, bob, commune_b):
    with pytest.raises(ValidationError, match="maire ou secrétaire"):
        draft(organisation=commune_b, by=bob)
    assert not Application.objects.exists()


def test_a_kind_the_year_does_not_fund_is_refused(draft, territory_a):
    from mutualis.grants.models import ProjectKind

    roads = ProjectKind.objects.create(territory=territory_a, name="Voirie")
    with pytest.raises(ValidationError, match="pas éligible"):
        draft(kind=roads)


def test_submitting_tells_the_grants_managers(draft, bob, gina):
    application = submitted(draft, bob)
    assert (application.status, application.submitted_on) == (Status.SUBMITTED, date(2026, 3, 18))
    assert [message.to for message in mail.outbox] == [["gina@example.org"]]


def test_without_a_grants_manager_the_coordination_is_told(draft, bob, eve):
    submitted(draft, bob)
    assert [message.to for message in mail.outbox] == [[eve.email]]


def test_asking_more_than_the_commune_finances_itself_is_refused(draft, bob):
    # 30,000 € less 6,000 € of subsidies: the fund may give at most half of 24,000 €, but 10,000 € a file.
    application = draft(cost_ht=Decimal("16000"), other_subsidies=Decimal("6000"), amount_asked=Decimal("5000.01"))
    with pytest.raises(ValidationError, match="la part financée par la commune") as error:
        services.application_submit(application=application, by=bob)
    assert "5\u00a0000,00 €" in " ".join(error.value.messages)


def test_asking_more_than_the_file_ceiling_is_refused(draft, bob):
    application = draft(cost_ht=Decimal("100000"), other_subsidies=Decimal("0"), amount_asked=Decimal("12000"))
    with pytest.raises(ValidationError, match="plafond par dossier"):
        services.application_submit(application=application, by=bob)


def test_asking_less_than_the_minimum_is_refused(draft, bob):
    with pytest.raises(ValidationError, match="montant minimal"):
        services.application_submit(application=draft(amount_asked=Decimal("399.99")), by=bob)


def test_filing_after_the_deadline_is_refused(draft, bob, rules_2026):
    rules_2026.filing_closes_on = date(2026, 3, 17)
    rules_2026.save()
    with pytest.raises(ValidationError, match="clos depuis le 17/03/2026"):
        services.application_submit(application=draft(), by=bob)


def test_a_submitted_file_can_no_longer_be_changed_by_the_commune(draft, bob):
    application = submitted(draft, bob)
    application.amount_asked = Decimal("9000")
    with pytest.raises(ValidationError, match="en instruction"):
        services.application_save(application=application, by=bob)


# ---------------------------------------------------------------- instruction


def test_asking_for_documents_waits_for_the_commune_then_returns_to_instruction(draft, bob, alice, eve):
    application = draft()
    join(application, DocumentKind.DELIBERATION, by=bob)
    services.application_submit(application=application, by=bob)
    mail.outbox.clear()
    services.documents_request(
        application=application, kinds=[DocumentKind.QUOTES], text="Merci de joindre les devis.", by=eve
    )
    application.refresh_from_db()
    assert application.status == Status.INCOMPLETE
    assert sorted(to for message in mail.outbox for to in message.to) == sorted([alice.email, bob.email])
    assert "Devis" in mail.outbox[0].body
    mail.outbox.clear()
    join(application, DocumentKind.QUOTES, by=bob)
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert [message.to for message in mail.outbox] == [[eve.email]]


def test_a_file_missing_a_required_document_cannot_go_on_the_agenda(draft, bob, eve):
    application = draft()
    join(application, DocumentKind.DELIBERATION, by=bob)
    services.application_submit(application=application, by=bob)
    with pytest.raises(ValidationError, match="incomplet : Devis"):
        services.amount_propose(
            application=application, amount=Decimal("8000"), body=Body.BUREAU, meeting_on=DECIDED, by=eve
        )


def test_a_proposal_above_a_limit_is_refused_with_the_limit(draft, bob, eve):
    application = submitted(draft, bob, cost_ht=Decimal("100000"), amount_asked=Decimal("10000"))
    with pytest.raises(ValidationError, match="plafond par dossier de l'année"):
        services.amount_propose(
            application=application, amount=Decimal("10000.01"), body=Body.BUREAU, meeting_on=DECIDED, by=eve
        )


def test_the_agglomeration_never_gives_more_than_asked(draft, bob, eve):
    application = submitted(draft, bob)
    with pytest.raises(ValidationError) as error:
        services.amount_propose(
            application=application, amount=Decimal("8000.01"), body=Body.BUREAU, meeting_on=DECIDED, by=eve
        )
    assert error.value.messages == ["Ce montant dépasse le montant demandé par la commune (8\u00a0000,00 €)."]
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_the_envelope_of_a_commune_is_shared_by_its_files(draft, bob, eve, rules_2026):
    rules_2026.envelope_scope, rules_2026.envelope_amount = EnvelopeScope.COMMUNE, Decimal("12000")
    rules_2026.save()
    first, second = submitted(draft, bob), submitted(draft, bob, title="Préau")
    propose = services.amount_propose
    propose(application=first, amount=Decimal("8000"), body=Body.BUREAU, meeting_on=DECIDED, by=eve)
    with pytest.raises(ValidationError) as error:
        propose(application=second, amount=Decimal("4500"), body=Body.BUREAU, meeting_on=DECIDED, by=eve)
    assert error.value.messages == ["Ce montant dépasse ce qui reste de l'enveloppe (4\u00a0000,00 €)."]
    propose(application=second, amount=Decimal("4000"), body=Body.BUREAU, meeting_on=DECIDED, by=eve)


def test_the_envelope_of_a_sector_is_shared_by_its_communes(draft, bob, eve, charlie, commune_b, rules_2026):
    rules_2026.envelope_scope, rules_2026.envelope_amount = EnvelopeScope.SECTOR, Decimal("10000")
    rules_2026.save()
    other = draft(organisation=commune_b, by=charlie, amount_asked=Decimal("2500"))
    join(other, DocumentKind.DELIBERATION, DocumentKind.QUOTES, by=charlie)
    services.application_submit(application=other, by=charlie)
    scheduled(draft, bob, eve, amount=Decimal("8000"))
    with pytest.raises(ValidationError, match="enveloppe"):
        services.amount_propose(
            application=other, amount=Decimal("2000.01"), body=Body.BUREAU, meeting_on=DECIDED, by=eve
        )


def test_an_opinion_of_a_service_is_kept_on_the_file(draft, bob, eve):
    application = submitted(draft, bob)
    services.opinion_record(
        application=application, service="Bâtiments", favourable=True, text="Devis cohérents.", by=eve
    )
    assert application.opinions.get().favourable


# ---------------------------------------------------------------- decision


def test_a_grant_takes_the_proposed_amount_and_tells_the_commune(draft, bob, eve, alice):
    application = scheduled(draft, bob, eve)
    mail.outbox.clear()
    services.decision_record(application=application, granted=True, decided_on=DECIDED, reference="B-2026-12", by=eve)
    application.refresh_from_db()
    assert (application.status, application.granted_amount) == (Status.GRANTED, Decimal("8000"))
    assert application.works_deadline == date(2028, 3, 10)
    assert sorted(to for message in mail.outbox for to in message.to) == sorted([alice.email, bob.email])
    assert "10/03/2028" in mail.outbox[0].body


def test_the_body_cannot_grant_above_a_limit(draft, bob, eve):
    application = scheduled(draft, bob, eve)
    with pytest.raises(ValidationError, match="part financée"):
        services.decision_record(
            application=application,
            granted=True,
            decided_on=DECIDED,
            reference="B-1",
            amount=Decimal("12000.01"),
            by=eve,
        )


def test_a_refusal_needs_its_reason(draft, bob, eve):
    application = scheduled(draft, bob, eve)
    with pytest.raises(ValidationError, match="motif"):
        services.decision_record(application=application, granted=False, decided_on=DECIDED, reference="B-1", by=eve)
    services.decision_record(
        application=application,
        granted=False,
        decided_on=DECIDED,
        reference="B-1",
        refusal_reason="Hors champ.",
        by=eve,
    )
    application.refresh_from_db()
    assert (application.status, application.granted_amount) == (Status.REFUSED, None)


def test_a_decision_in_the_future_is_refused(draft, bob, eve):
    application = scheduled(draft, bob, eve)
    with pytest.raises(ValidationError, match="futur"):
        services.decision_record(
            application=application, granted=True, decided_on=date(2026, 3, 19), reference="B-1", by=eve
        )


def test_a_file_on_the_agenda_can_no_longer_be_withdrawn(draft, bob, eve):
    application = scheduled(draft, bob, eve)
    with pytest.raises(ValidationError, match="ne peut plus être retiré"):
        services.application_withdraw(application=application, by=bob)


# ---------------------------------------------------------------- payments


def test_the_advance_waits_for_the_works_then_is_the_years_rate(draft, bob, eve):
    application = granted(draft, bob, eve)
    with pytest.raises(ValidationError, match="début"):
        services.advance_pay(application=application, paid_on=date(2026, 3, 18), by=eve)
    services.works_start_record(application=application, started_on=date(2026, 3, 16), by=eve)
    payment = services.advance_pay(application=application, paid_on=date(2026, 3, 18), by=eve)
    assert (payment.kind, payment.amount) == (PaymentKind.ADVANCE, Decimal("2400.00"))
    with pytest.raises(ValidationError, match="déjà enregistré"):
        services.advance_pay(application=application, paid_on=date(2026, 3, 18), by=eve)


def test_the_balance_needs_proofs_of_expenses(draft, bob, eve):
    application = granted(draft, bob, eve)
    services.works_start_record(application=application, started_on=date(2026, 3, 16), by=eve)
    with pytest.raises(ValidationError, match="justificatifs"):
        services.balance_pay(application=application, actual_cost=Decimal("30000"), paid_on=date(2026, 3, 18), by=eve)


def test_the_balance_is_recomputed_on_lower_actual_costs(draft, bob, eve):
    # Granted 8,000 € on 30,000 € HT; the works cost 20,000 € HT: the commune's share, 6,000 € of
    # subsidies deducted, is 14,000 €, so the fund gives at most 7,000 €; 2,400 € were advanced.
    application = granted(draft, bob, eve)
    services.works_start_record(application=application, started_on=date(2026, 3, 16), by=eve)
    services.advance_pay(application=application, paid_on=date(2026, 3, 17), by=eve)
    join(application, DocumentKind.PROOF_OF_EXPENSES, by=bob)
    balance = services.balance_pay(
        application=application, actual_cost=Decimal("20000"), paid_on=date(2026, 3, 18), by=eve
    )
    application.refresh_from_db()
    assert balance.amount == Decimal("4600.00")
    assert (application.status, application.actual_cost) == (Status.PAID, Decimal("20000"))
    assert sum(payment.amount for payment in application.payments.all()) == Decimal("7000.00")


def test_an_advance_above_the_grant_on_actual_costs_is_paid_back(draft, bob, eve, rules_2026):
    rules_2026.advance_rate = Decimal("100")
    rules_2026.save()
    application = granted(draft, bob, eve)
    services.works_start_record(application=application, started_on=date(2026, 3, 16), by=eve)
    services.advance_pay(application=application, paid_on=date(2026, 3, 17), by=eve)
    join(application, DocumentKind.PROOF_OF_EXPENSES, by=bob)
    balance = services.balance_pay(
        application=application, actual_cost=Decimal("10000"), paid_on=date(2026, 3, 18), by=eve
    )
    assert balance.amount == Decimal("-6000.00")  # 2,000 € on 10,000 € HT less 6,000 € of subsidies


# ---------------------------------------------------------------- lapse


def test_works_started_after_the_deadline_are_refused(draft, bob, eve, frozen_clock):
    application = granted(draft, bob, eve)
    frozen_clock.move_to(date(2028, 3, 20))
    with pytest.raises(ValidationError, match="au plus tard le 10/03/2028"):
        services.works_start_record(application=application, started_on=date(2028, 3, 11), by=eve)


def test_the_commune_is_reminded_then_the_grant_lapses(draft, bob, eve, alice):
    application = granted(draft, bob, eve)
    mail.outbox.clear()
    assert services.lapse_reminders_send(today=date(2028, 1, 9)) == 0
    assert services.lapse_reminders_send(today=date(2028, 1, 10)) == 1  # 60 days before 10 March 2028
    assert services.lapse_reminders_send(today=date(2028, 1, 11)) == 0  # once
    assert "10/03/2028" in mail.outbox[0].subject
    assert services.applications_lapse(today=date(2028, 3, 10)) == 0
    assert services.applications_lapse(today=date(2028, 3, 11)) == 1
    application.refresh_from_db()
    assert (application.status, application.lapsed_on) == (Status.LAPSED, date(2028, 3, 11))


def test_started_works_never_lapse(draft, bob, eve):
    application = granted(draft, bob, eve)
    services.works_start_record(application=application, started_on=date(2026, 3, 16), by=eve)
    assert services.applications_lapse(today=date(2030, 1, 1)) == 0
    assert Application.objects.get().status == Status.GRANTED
