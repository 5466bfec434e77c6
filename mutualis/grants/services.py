"""Writes of the fonds de concours: the year's rules, a commune's file from draft to balance.

Every amount (asked, proposed, decided) is held to the limits of `limits.py`, computed on the
figures of the file and, for the envelope, on the other files of the same commune or sector
that year (locked, so two proposals at the same moment cannot both take the last euros).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from mutualis.accounts.models import User
from mutualis.core.money import from_cents, to_cents
from mutualis.grants import limits
from mutualis.grants.models import (
    EDITABLE,
    Application,
    Document,
    DocumentKind,
    EnvelopeScope,
    Message,
    Opinion,
    Payment,
    PaymentKind,
    ProjectKind,
    Rules,
    Status,
)
from mutualis.notifications.people import coordinators_of, managers_of, staff_of
from mutualis.notifications.services import notify
from mutualis.territory.models import Body, OrganisationKind, Service

# ---------------------------------------------------------------- rules of the year


@transaction.atomic
def rules_save(*, rules: Rules, eligible_kinds: Iterable[ProjectKind], by: User) -> Rules:
    if rules.envelope_scope and rules.envelope_amount is None:
        raise ValidationError({"envelope_amount": _("Indiquez le montant de l'enveloppe.")})
    if not rules.envelope_scope:
        rules.envelope_amount = None
    unknown = set(rules.required_documents) - set(DocumentKind.values)
    if unknown:
        raise ValidationError({"required_documents": _("Pièce inconnue.")})
    rules._history_user = by
    rules.save()
    rules.eligible_kinds.set(eligible_kinds)
    return rules


@transaction.atomic
def project_kind_create(*, territory, name: str, by: User) -> ProjectKind:
    name = name.strip()
    if ProjectKind.objects.filter(territory=territory, name__iexact=name).exists():
        raise ValidationError({"name": _("Cette nature de projet existe déjà.")})
    kind = ProjectKind(territory=territory, name=name)
    kind._history_user = by
    kind.save()
    return kind


# ---------------------------------------------------------------- limits of a file


def envelope_left(application: Application, *, lock: bool = False) -> int | None:
    """Cents left in the envelope of the file's commune or sector this year, other files deducted;
    None when the year has no envelope. With `lock`, the other files' rows are locked first."""
    rules = application.rules
    if not rules.envelope_scope:
        return None
    others = Application.objects.filter(rules=rules).committing().exclude(pk=application.pk)
    if rules.envelope_scope == EnvelopeScope.COMMUNE:
        others = others.filter(organisation=application.organisation)
    else:
        others = others.filter(organisation__sector=application.organisation.sector_id)
    if lock:
        list(others.select_for_update().values_list("pk", flat=True))
    return to_cents(rules.envelope_amount) - others.committed_cents()


def ceilings_of(application: Application, *, lock: bool = False) -> limits.Ceilings:
    rules = application.rules
    return limits.ceilings(
        cost=to_cents(application.cost_ht),
        other_subsidies=to_cents(application.other_subsidies),
        rate=rules.rate,
        file_ceiling=to_cents(rules.file_ceiling),
        envelope_left=envelope_left(application, lock=lock),
    )


def amount_check(application: Application, amount: Decimal, field: str, *, lock: bool = False) -> None:
    """Refuse an amount above any limit, above what the commune asked, or below the year's minimum,
    saying which and by how much."""
    cents = to_cents(amount)
    refusals = ceilings_of(application, lock=lock).refusals(cents)
    if refusals:
        raise ValidationError({field: _("Ce montant dépasse %(limits)s.") % {"limits": _(" ; ").join(refusals)}})
    if cents > to_cents(application.amount_asked):
        raise ValidationError(
            {field: _("Ce montant dépasse le montant demandé par la commune (%(asked)s €).")
             % {"asked": limits.euros(to_cents(application.amount_asked))}}
        )  # fmt: skip
    if cents < to_cents(application.rules.minimum_amount):
        raise ValidationError(
            {field: _("Le montant minimal d'un fonds de concours est de %(minimum)s € cette année.")
             % {"minimum": limits.euros(to_cents(application.rules.minimum_amount))}}
        )  # fmt: skip


# ---------------------------------------------------------------- the commune's file


def _transition(application: Application, allowed: Sequence[str], message: str) -> None:
    if application.status not in allowed:
        raise ValidationError(message)


def _save(application: Application, by: User, **changes) -> Application:
    for field, value in changes.items():
        setattr(application, field, value)
    application._history_user = by
    application.save()
    return application


def _day(value: date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _tell(event: str, application: Application, recipients: Iterable[User], by: User | None, **context) -> None:
    context = {"organisation": application.organisation.name, "title": application.title, **context}
    url = reverse("grants:application_detail", args=[application.pk])
    notify(event, recipients=recipients, context=context, url=url, territory=application.territory_id, exclude=by)


def _instructors(application: Application):
    managers = managers_of(application.territory_id, Service.GRANTS)
    return managers if managers.exists() else coordinators_of(application.territory_id)


@transaction.atomic
def application_save(*, application: Application, by: User) -> Application:
    """Create or change a file while it is the commune's to change (a draft, or documents asked)."""
    if application.pk:
        current = Application.objects.select_for_update().get(pk=application.pk)
        _transition(current, EDITABLE, _("Le dossier est en instruction : il ne peut plus être modifié."))
    rules, organisation = application.rules, application.organisation
    if organisation.kind != OrganisationKind.COMMUNE or organisation.territory_id != rules.territory_id:
        raise ValidationError({"organisation": _("Le fonds de concours est ouvert aux communes du territoire.")})
    if not by.has_perm("grants.file_for", organisation):
        raise ValidationError({"organisation": _("Vous déposez pour une commune dont vous êtes maire ou secrétaire.")})
    if not rules.eligible_kinds.filter(pk=application.kind_id).exists():
        raise ValidationError({"kind": _("Cette nature de projet n'est pas éligible cette année.")})
    if application.other_subsidies > application.cost_ht:
        raise ValidationError({"other_subsidies": _("Les autres subventions dépassent le coût du projet.")})
    if not application.pk:
        application.created_by = by
        application.territory_id = organisation.territory_id
    application.full_clean()
    return _save(application, by)


@transaction.atomic
def application_submit(*, application: Application, by: User) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    _transition(application, [Status.DRAFT], _("Seul un brouillon peut être déposé."))
    rules = application.rules
    today = timezone.localdate()
    if rules.filing_closes_on and today > rules.filing_closes_on:
        raise ValidationError(
            _("Le dépôt des dossiers %(year)s est clos depuis le %(day)s.")
            % {"year": rules.year, "day": _day(rules.filing_closes_on)}
        )
    amount_check(application, application.amount_asked, "amount_asked")
    _save(application, by, status=Status.SUBMITTED, submitted_on=today)
    _tell("grants.application_submitted", application, _instructors(application), by, amount=application.amount_asked)
    return application


@transaction.atomic
def document_add(*, application: Application, kind: str, upload: UploadedFile, by: User) -> Document:
    """Join a document; once every document asked is there, the file goes back to instruction."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    allowed = (*EDITABLE, Status.SUBMITTED, Status.SCHEDULED, Status.GRANTED)
    _transition(application, allowed, _("Le dossier est clos : aucune pièce ne peut plus y être jointe."))
    document = Document(application=application, kind=kind, file=upload, name=upload.name[:200], uploaded_by=by)
    document.full_clean()
    document._history_user = by
    document.save()
    if application.status == Status.INCOMPLETE and not application.missing_documents():
        _save(application, by, status=Status.SUBMITTED)
        _tell("grants.application_completed", application, _instructors(application), by)
    return document


@transaction.atomic
def message_post(*, application: Application, text: str, by: User) -> Message:
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Le message est vide.")})
    message = Message(application=application, author=by, text=text)
    message._history_user = by
    message.save()
    from_commune = by.memberships.filter(organisation=application.organisation, ended_at__isnull=True).exists()
    recipients = _instructors(application) if from_commune else staff_of(application.organisation_id)
    _tell("grants.message", application, recipients, by, author=by.get_full_name(), message=text)
    return message


@transaction.atomic
def application_withdraw(*, application: Application, by: User) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    _transition(
        application,
        (*EDITABLE, Status.SUBMITTED),
        _("Un dossier inscrit à l'ordre du jour ou décidé ne peut plus être retiré."),
    )
    return _save(application, by, status=Status.WITHDRAWN)


# ---------------------------------------------------------------- instruction and decision


@transaction.atomic
def documents_request(*, application: Application, kinds: Sequence[str], text: str, by: User) -> Message:
    """Ask the commune for missing documents: the file waits for them."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    _transition(application, [Status.SUBMITTED], _("Seul un dossier en instruction peut être complété."))
    if not kinds:
        raise ValidationError({"kinds": _("Choisissez au moins une pièce.")})
    message = Message(application=application, author=by, text=text.strip(), documents_asked=list(kinds))
    message._history_user = by
    message.save()
    _save(application, by, status=Status.INCOMPLETE)
    asked = ", ".join(str(DocumentKind(kind).label) for kind in kinds)
    _tell(
        "grants.documents_asked",
        application,
        staff_of(application.organisation_id),
        by,
        documents=asked,
        message=message.text,
    )
    return message


@transaction.atomic
def opinion_record(*, application: Application, service: str, favourable: bool, text: str, by: User) -> Opinion:
    _transition(
        application, [Status.SUBMITTED, Status.INCOMPLETE, Status.SCHEDULED], _("Le dossier n'est plus en instruction.")
    )
    opinion = Opinion(
        application=application, service=service.strip(), favourable=favourable, text=text.strip(), author=by
    )
    opinion.full_clean()
    opinion._history_user = by
    opinion.save()
    return opinion


@transaction.atomic
def amount_propose(*, application: Application, amount: Decimal, body: str, meeting_on: date, by: User) -> Application:
    """Propose an amount within every limit and put the file on the deciding body's agenda."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    _transition(
        application,
        [Status.SUBMITTED],
        _("Seul un dossier complet en instruction peut être inscrit à l'ordre du jour."),
    )
    missing = application.missing_documents()
    if missing:
        raise ValidationError(
            _("Le dossier est incomplet : %(documents)s.")
            % {"documents": ", ".join(str(DocumentKind(k).label) for k in missing)}
        )
    amount_check(application, amount, "amount", lock=True)
    return _save(
        application, by, status=Status.SCHEDULED, proposed_amount=amount, agenda_body=body, agenda_date=meeting_on
    )


@transaction.atomic
def decision_record(
    *,
    application: Application,
    granted: bool,
    decided_on: date,
    reference: str,
    by: User,
    amount: Decimal | None = None,
    refusal_reason: str = "",
) -> Application:
    """The deciding body's decision; a grant is held to the limits as a proposal is."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    _transition(application, [Status.SCHEDULED], _("Seul un dossier inscrit à l'ordre du jour peut être décidé."))
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("Cette date est dans le futur.")})
    if not reference.strip():
        raise ValidationError({"reference": _("Indiquez la référence de la délibération.")})
    if granted:
        amount = application.proposed_amount if amount is None else amount
        amount_check(application, amount, "amount", lock=True)
        changes = {"status": Status.GRANTED, "granted_amount": amount}
    else:
        if not refusal_reason.strip():
            raise ValidationError({"refusal_reason": _("Indiquez le motif du refus.")})
        changes = {"status": Status.REFUSED, "refusal_reason": refusal_reason.strip()}
    _save(application, by, decided_on=decided_on, decision_reference=reference.strip(), **changes)
    event = "grants.application_granted" if granted else "grants.application_refused"
    _tell(
        event,
        application,
        staff_of(application.organisation_id),
        by,
        amount=application.granted_amount,
        deadline=_day(application.works_deadline),
        body=Body(application.agenda_body).label if application.agenda_body else "",
        reason=application.refusal_reason,
    )
    return application


# ---------------------------------------------------------------- works and payments


@transaction.atomic
def works_start_record(*, application: Application, started_on: date, by: User) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    _transition(application, [Status.GRANTED], _("Seul un fonds de concours attribué attend le début des travaux."))
    if started_on > timezone.localdate():
        raise ValidationError({"started_on": _("Cette date est dans le futur.")})
    if started_on > application.works_deadline:
        raise ValidationError(
            {
                "started_on": _("Les travaux devaient commencer au plus tard le %(day)s.")
                % {"day": _day(application.works_deadline)}
            }
        )
    return _save(application, by, works_started_on=started_on)


def _tell_payment(payment: Payment, by: User) -> None:
    application = payment.application
    recipients = staff_of(application.organisation_id)
    _tell("grants.payment", application, recipients, by, kind=payment.get_kind_display(), amount=payment.amount)


def _payment(application: Application, kind: str, cents: int, paid_on: date, by: User) -> Payment:
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("Cette date est dans le futur.")})
    if application.payments.filter(kind=kind).exists():
        raise ValidationError(_("Ce versement est déjà enregistré."))
    payment = Payment(application=application, kind=kind, amount=from_cents(cents), paid_on=paid_on, recorded_by=by)
    payment._history_user = by
    payment.save()
    return payment


@transaction.atomic
def advance_pay(*, application: Application, paid_on: date, by: User) -> Payment:
    """The advance, at the year's rate of the grant, once the works have started."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    _transition(application, [Status.GRANTED], _("Seul un fonds de concours attribué peut recevoir une avance."))
    if application.works_started_on is None:
        raise ValidationError(_("L'avance est versée au démarrage des travaux : enregistrez d'abord leur début."))
    cents = limits.advance(granted=to_cents(application.granted_amount), advance_rate=application.rules.advance_rate)
    if cents == 0:
        raise ValidationError(_("Le règlement de l'année ne prévoit pas d'avance."))
    payment = _payment(application, PaymentKind.ADVANCE, cents, paid_on, by)
    _tell_payment(payment, by)
    return payment


def balance_of(application: Application, actual_cost: Decimal) -> tuple[int, int]:
    """(the grant on the actual cost, the balance still to pay: negative when the advance was more)."""
    rules = application.rules
    final = limits.final_amount(
        granted=to_cents(application.granted_amount),
        actual_cost=to_cents(actual_cost),
        other_subsidies=to_cents(application.other_subsidies),
        rate=rules.rate,
        file_ceiling=to_cents(rules.file_ceiling),
    )
    paid = sum(to_cents(payment.amount) for payment in application.payments.all())
    return final, final - paid


@transaction.atomic
def balance_pay(*, application: Application, actual_cost: Decimal, paid_on: date, by: User) -> Payment:
    """The balance on proof of expenses, recomputed on the actual cost; the file is then closed."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    _transition(application, [Status.GRANTED], _("Seul un fonds de concours attribué peut être soldé."))
    if application.works_started_on is None:
        raise ValidationError(_("Enregistrez d'abord le début des travaux."))
    if not application.documents.filter(kind=DocumentKind.PROOF_OF_EXPENSES).exists():
        raise ValidationError(
            _("Le solde est versé sur justificatifs de dépenses : la commune doit les joindre au dossier.")
        )
    if actual_cost <= 0:
        raise ValidationError({"actual_cost": _("Indiquez le coût réel HT des travaux.")})
    _final, balance = balance_of(application, actual_cost)
    payment = _payment(application, PaymentKind.BALANCE, balance, paid_on, by)
    _save(application, by, status=Status.PAID, actual_cost=actual_cost)
    _tell_payment(payment, by)
    return payment


def lapse_due(today: date) -> list[Application]:
    """Granted files whose works have not started by their deadline."""
    waiting = Application.objects.filter(status=Status.GRANTED, works_started_on__isnull=True).select_related("rules")
    return [application for application in waiting if application.works_deadline < today]


@transaction.atomic
def applications_lapse(*, today: date | None = None) -> int:
    """Close the grants whose works did not start in time, and tell the commune; the nightly job."""
    today = today or timezone.localdate()
    lapsed = 0
    for application in lapse_due(today):
        _save(application, None, status=Status.LAPSED, lapsed_on=today)
        _tell(
            "grants.application_lapsed",
            application,
            staff_of(application.organisation_id),
            None,
            deadline=_day(application.works_deadline),
        )
        lapsed += 1
    return lapsed


@transaction.atomic
def lapse_reminders_send(*, today: date | None = None) -> int:
    """Remind the commune once, from the year's number of days before the deadline, that its grant
    lapses if the works do not start (a night the job did not run is caught up the next)."""
    today = today or timezone.localdate()
    waiting = Application.objects.filter(
        status=Status.GRANTED, works_started_on__isnull=True, lapse_reminded_on__isnull=True
    ).select_related("rules", "organisation")
    reminded = 0
    for application in waiting:
        deadline = application.works_deadline
        if deadline - timedelta(days=application.rules.reminder_days) <= today <= deadline:
            _tell(
                "grants.lapse_reminder",
                application,
                staff_of(application.organisation_id),
                None,
                deadline=_day(deadline),
            )
            _save(application, None, lapse_reminded_on=today)
            reminded += 1
    return reminded
