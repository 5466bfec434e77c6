"""Writes on conventions and their templates.

`convention_create` is the one entry point domain apps call; the other functions move a
convention along draft → sent → signed → ended (or cancelled before signature). Each party
signs for itself (`convention_party_sign`); the convention is signed with the last signature.
`convention_gate` keeps the steps a convention governs waiting for that signature.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import models, transaction
from django.template import Context, Template
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from mutualis.accounts.models import User
from mutualis.agreements import terms
from mutualis.agreements.defaults import default_template
from mutualis.agreements.models import (
    LEGAL_REFERENCES,
    TRANSITIONS,
    Adhesion,
    Convention,
    ConventionParty,
    ConventionTemplate,
    GatedStep,
    Instrument,
    SignatureWaiver,
    Status,
    signature_required,
)
from mutualis.core.files import SCAN
from mutualis.core.periods import add_months
from mutualis.notifications.people import coordinators_of, managers_of, signatories_of, staff_of
from mutualis.notifications.services import notify
from mutualis.territory.models import Decision, Organisation, Service, Territory
from mutualis.territory.services import decision_record, withdrawal_check

# Conventions are French legal documents, whatever the language of the person creating them.
DOCUMENT_LANGUAGE = "fr"


def template_for(territory: Territory, instrument: str) -> ConventionTemplate:
    """The territory's template for an instrument, created from the default wording on first use."""
    title, body = default_template(instrument)
    template, _created = ConventionTemplate.objects.get_or_create(
        territory=territory, instrument=instrument, defaults={"title": title, "body": body}
    )
    return template


def templates_for_territory(territory: Territory) -> list[ConventionTemplate]:
    """One template per instrument, in the instruments' order; missing ones are created from the defaults."""
    existing = {t.instrument: t for t in ConventionTemplate.objects.filter(territory=territory).with_list_data()}
    return [existing.get(instrument) or template_for(territory, instrument) for instrument in Instrument]


def long_date(value: date) -> str:
    """A date as written in an official document: « 1er mars 2025 », « 15 mars 2025 »."""
    day = "1er" if value.day == 1 else str(value.day)
    with translation.override(DOCUMENT_LANGUAGE):
        return f"{day} {formats.date_format(value, 'F Y')}"


def _format_list(items: Sequence[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def _format_amounts(amount: Decimal | None, description: str) -> str:
    if amount is None:
        return description or "sans contrepartie financière"
    text = formats.number_format(amount, 2, force_grouping=True) + "\u00a0€"
    return f"{text} ({description})" if description else text


def placeholder_values(convention: Convention, parties: Sequence[tuple[Organisation, str]]) -> dict[str, str]:
    """The text each placeholder of a template stands for, in French."""
    with translation.override(DOCUMENT_LANGUAGE):
        start = long_date(convention.start)
        last_day = long_date(convention.last_day) if convention.end else ""
        return {
            "parties": _format_list([f"{organisation.name} ({role})" for organisation, role in parties]),
            # Templates put their own punctuation after the object.
            "object": convention.object.strip().rstrip("."),
            "period": f"du {start} au {last_day} inclus" if last_day else f"à compter du {start}, sans date de fin",
            "start": start,
            "end": last_day or "sans date de fin",
            "amounts": _format_amounts(convention.amount, convention.amount_description),
            "territory": convention.territory.name,
            "instrument": str(Instrument(convention.instrument).label),
            "reference": LEGAL_REFERENCES[convention.instrument],
        }


def render_body(body: str, values: dict[str, str]) -> str:
    """Fill a template body's placeholders.

    The result is plain text, escaped wherever it is shown; escaping here too would
    print `d&#x27;Agglomération` in every commune name with an apostrophe.
    """
    return Template(body).render(Context(values, autoescape=False))


@transaction.atomic
def convention_create(
    *,
    territory: Territory,
    instrument: str,
    title: str,
    object: str,
    parties: Sequence[tuple[Organisation, str]],
    start: date,
    end: date | None = None,
    amount: Decimal | None = None,
    amount_description: str = "",
    notice_months: int = 0,
    source: models.Model | None = None,
    created_by: User | None = None,
) -> Convention:
    """Create a draft convention between organisations of the territory, its text rendered
    from the territory's template for the instrument (later template edits leave it unchanged).

    An empty title takes the template's. `source` is the object the convention covers.
    """
    if instrument not in Instrument.values:
        raise ValidationError({"instrument": _("Instrument juridique inconnu.")})
    if len(parties) < 2:
        raise ValidationError({"parties": _("Une convention lie au moins deux parties.")})
    if any(organisation.territory_id != territory.pk for organisation, _role in parties):
        raise ValidationError({"parties": _("Toutes les parties doivent appartenir au territoire.")})
    if len({organisation.pk for organisation, _role in parties}) != len(parties):
        raise ValidationError({"parties": _("Une organisation ne peut être partie qu'une fois.")})
    if any(not 0 < len(role.strip()) <= 80 for _organisation, role in parties):
        raise ValidationError({"parties": _("Indiquez la qualité de chaque partie, en 80 caractères au plus.")})
    if end is not None and end <= start:
        raise ValidationError({"end": _("La fin doit être postérieure au début.")})
    if amount is not None and amount < 0:
        raise ValidationError({"amount": _("Le montant ne peut pas être négatif.")})
    template = template_for(territory, instrument)
    convention = Convention(
        territory=territory,
        instrument=instrument,
        title=title.strip() or template.title,
        object=object.strip(),
        start=start,
        end=end,
        amount=amount,
        amount_description=amount_description.strip(),
        notice_months=notice_months,
        source=source,
        created_by=created_by,
    )
    convention.body = render_body(template.body, placeholder_values(convention, parties))
    convention.full_clean()
    if created_by is not None:
        convention._history_user = created_by
    convention.save()
    for position, (organisation, role) in enumerate(parties):
        ConventionParty.objects.create(
            convention=convention, organisation=organisation, role=role.strip(), position=position
        )
    return convention


def _move(convention: Convention, status: str, by: User | None, **fields) -> Convention:
    """Apply a transition after re-reading the status under a row lock."""
    current = Convention.objects.select_for_update().values_list("status", flat=True).get(pk=convention.pk)
    if current not in TRANSITIONS[status]:
        raise ValidationError(
            _("Une convention « %(current)s » ne peut pas passer à « %(target)s ».")
            % {"current": Status(current).label, "target": Status(status).label}
        )
    for name, value in fields.items():
        setattr(convention, name, value)
    convention.status = status
    if by is not None:  # otherwise simple_history takes the request's user, if any
        convention._history_user = by
    convention.save(update_fields=["status", *fields])
    return convention


@transaction.atomic
def convention_send(*, convention: Convention, by: User | None = None) -> Convention:
    """Send a draft to the parties for signature; their signatories are told."""
    convention = _move(convention, Status.SENT, by, sent_at=timezone.now())
    _tell_parties("agreements.convention_sent", convention, by)
    return convention


def _tell_parties(event: str, convention: Convention, by: User | None, **context) -> None:
    """Tell the signatories of the parties that have not signed yet (all, once signed)."""
    parties = list(convention.convention_parties.select_related("organisation"))
    waiting = [party.organisation for party in parties if not party.has_signed]
    recipients = signatories_of(waiting) if waiting else signatories_of(party.organisation for party in parties)
    if not waiting and convention.created_by is not None:
        recipients = [*recipients, convention.created_by]
    context = {
        "title": convention.title,
        "parties": ", ".join(str(party.organisation) for party in parties),
        "waiting": ", ".join(str(organisation) for organisation in waiting),
        **context,
    }
    url = reverse("agreements:convention_detail", args=[convention.pk])
    notify(event, recipients=recipients, context=context, url=url, territory=convention.territory_id, exclude=by)


def _check_scan(signed_scan: File) -> None:
    try:
        SCAN(signed_scan)
    except ValidationError as error:
        raise ValidationError({"signed_scan": error.messages}) from None


def _check_signature_day(signed_on: date) -> None:
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("La date de signature ne peut pas être dans le futur.")})


def _lock_for_signature(convention: Convention) -> Convention:
    """Lock the convention while a signature is recorded: of two last signatures at once, the
    second sees the first and moves the convention to signed."""
    status = Convention.objects.select_for_update().values_list("status", flat=True).get(pk=convention.pk)
    if status not in TRANSITIONS[Status.SIGNED]:
        raise ValidationError(
            _("Une convention « %(current)s » ne peut pas passer à « %(target)s ».")
            % {"current": Status(status).label, "target": Status.SIGNED.label}
        )
    return convention


def _complete_if_all_signed(convention: Convention, by: User | None) -> Convention:
    """Signed once every party has signed, on the day of the last signature; every party is told."""
    days = list(ConventionParty.objects.filter(convention=convention).values_list("signed_on", flat=True))
    if None in days:
        return convention
    convention = _move(convention, Status.SIGNED, by, signed_on=max(days))
    _tell_parties("agreements.convention_signed", convention, by, day=formats.date_format(convention.signed_on))
    return convention


@transaction.atomic
def convention_party_sign(
    *,
    party: ConventionParty,
    signed_on: date,
    signatory: str = "",
    signed_scan: File | None = None,
    by: User | None = None,
) -> ConventionParty:
    """Record one party's signature of a sent convention: the signatory's name and title as
    typed, or the scan of the copy it signed (or both), and the day. The last party's
    signature makes the convention signed. Who may sign for a party is `agreements.sign_for_party`."""
    convention = _lock_for_signature(party.convention)
    party = ConventionParty.objects.get(pk=party.pk)
    if party.has_signed:
        raise ValidationError(
            _("%(organisation)s a déjà signé cette convention.") % {"organisation": party.organisation}
        )
    signatory = signatory.strip()
    if not signatory and not signed_scan:
        raise ValidationError(
            {"signatory": _("Indiquez le nom et la qualité du signataire, ou joignez le scan signé.")}
        )
    if len(signatory) > 200:
        raise ValidationError({"signatory": _("200 caractères au plus.")})
    if signed_scan:
        _check_scan(signed_scan)
    _check_signature_day(signed_on)
    party.signed_on, party.signatory, party.signed_by = signed_on, signatory, by
    if signed_scan:
        party.signed_scan = signed_scan
    party._history_user = by
    party.save(update_fields=["signed_on", "signatory", "signed_by", "signed_scan"])
    if _complete_if_all_signed(convention, by).status != Status.SIGNED:
        _tell_parties("agreements.party_signed", convention, by, organisation=party.organisation)
    return party


@transaction.atomic
def convention_sign(
    *, convention: Convention, signed_on: date, signed_scan: File, by: User | None = None
) -> Convention:
    """Record a paper convention signed by every party, from its scan (PDF or image, 10 MB at
    most): each party not yet recorded as signed is signed on `signed_on`, on that scan."""
    if not signed_scan:
        raise ValidationError({"signed_scan": _("Joignez la convention signée.")})
    _check_scan(signed_scan)
    _check_signature_day(signed_on)
    _lock_for_signature(convention)
    convention.signed_scan = signed_scan
    convention._history_user = by
    convention.save(update_fields=["signed_scan"])
    for party in ConventionParty.objects.filter(convention=convention, signed_on__isnull=True):
        party.signed_on, party.signed_by, party.signed_scan = signed_on, by, convention.signed_scan.name
        party._history_user = by
        party.save(update_fields=["signed_on", "signed_by", "signed_scan"])
    return _complete_if_all_signed(convention, by)


@transaction.atomic
def convention_end(*, convention: Convention, ended_on: date | None = None, by: User | None = None) -> Convention:
    """End a signed convention (by term or termination) on `ended_on`, today by default."""
    ended_on = ended_on or timezone.localdate()
    if convention.signed_on and ended_on < convention.signed_on:
        raise ValidationError({"ended_on": _("La fin ne peut pas précéder la signature.")})
    return _move(convention, Status.ENDED, by, ended_on=ended_on)


@transaction.atomic
def convention_cancel(*, convention: Convention, by: User | None = None) -> Convention:
    """Cancel a convention that was never signed; it stays for the record."""
    return _move(convention, Status.CANCELLED, by)


# ---------------------------------------------------------------- conventions govern


def gate_refusal(*, convention: Convention | None, step: str) -> str:
    """Why `step` may not happen yet under this convention, or "" when it may: what is missing
    and who must sign. Reads the prefetched parties and waivers when the convention comes from
    `Convention.objects.with_detail_data()`."""
    if convention is None or not signature_required(convention.instrument, step):
        return ""
    if convention.is_signed:
        return ""
    pending = convention.is_awaiting_signature
    if pending and convention.active_waiver() is not None:
        return ""
    message = _("La convention « %(title)s » n'est pas signée (%(status)s) : pas de %(step)s avant sa signature.") % {
        "title": convention.title,
        "status": Status(convention.status).label,
        "step": GatedStep(step).label,
    }
    if convention.status == Status.DRAFT:
        message += " " + _("La coordination doit d'abord l'envoyer pour signature.")
    if pending:
        missing = [f"{party.organisation.name} ({party.signer})" for party in convention.unsigned_parties()]
        message += " " + _("Doivent encore signer : %(parties)s.") % {"parties": ", ".join(missing)}
    return message


def convention_gate(*, convention: Convention | None, step: str) -> None:
    """Refuse a step of a service (`GatedStep`) while the convention that governs it is not signed,
    unless the instrument's rule lets that step go ahead (`models.SIGNATURE_REQUIRED`) or the
    coordination granted a `SignatureWaiver`. The message says what is missing and who must sign.
    A step with no convention at all (rows from before conventions existed) is not governed."""
    refusal = gate_refusal(convention=convention, step=step)
    if refusal:
        raise ValidationError(refusal)


@transaction.atomic
def signature_waiver_grant(*, convention: Convention, reason: str, by: User) -> SignatureWaiver:
    """The coordination lets the convention's steps go ahead before its signature, for a reason."""
    convention = Convention.objects.select_for_update().get(pk=convention.pk)
    if not convention.is_awaiting_signature:
        raise ValidationError(_("Seule une convention en attente de signature peut faire l'objet d'une dérogation."))
    if not reason.strip():
        raise ValidationError({"reason": _("Indiquez le motif de la dérogation.")})
    if convention.signature_waivers.active().exists():
        raise ValidationError(_("Une dérogation est déjà en vigueur pour cette convention."))
    waiver = SignatureWaiver(convention=convention, reason=reason.strip(), granted_by=by)
    waiver._history_user = by
    waiver.save()
    return waiver


@transaction.atomic
def signature_waiver_revoke(*, waiver: SignatureWaiver, by: User) -> SignatureWaiver:
    """End a waiver: the convention's steps wait for its signature again."""
    waiver = SignatureWaiver.objects.select_for_update().get(pk=waiver.pk)
    if not waiver.is_active:
        raise ValidationError(_("Cette dérogation est déjà retirée."))
    waiver.revoked_at, waiver.revoked_by = timezone.now(), by
    waiver._history_user = by
    waiver.save(update_fields=["revoked_at", "revoked_by"])
    return waiver


# ---------------------------------------------------------------- adhesions


@transaction.atomic
def adhesion_create(
    *,
    organisation: Organisation,
    service: str,
    start: date,
    convention_instrument: str,
    object: str,
    instrument: str = "",
    subject: models.Model | None = None,
    convention: Convention | None = None,
    amount_description: str = "",
    notice_months: int = 0,
    by: User | None = None,
) -> Adhesion:
    """An organisation adheres to a service of its territory from `start`, under a convention.

    Without a `convention` given (a group's own, signed by several members), one is drafted
    between the EPCI, which carries the service, and the organisation, under
    `convention_instrument`. Locked on the organisation: never two open adhesions to the same
    service (and formula, and subject: a shared software).
    """
    Organisation.objects.select_for_update().get(pk=organisation.pk)
    territory = organisation.territory
    epci = territory.epci()
    if organisation.pk == epci.pk:
        raise ValidationError(_("L'EPCI porte le service : il n'y adhère pas."))
    if not organisation.is_active:
        raise ValidationError(_("Cette organisation n'est plus membre active."))
    adhesion = Adhesion(territory=territory, organisation=organisation, service=service, instrument=instrument)
    adhesion.start, adhesion.subject, adhesion.created_by = start, subject, by
    if subject is not None and getattr(subject, "territory", territory).pk != territory.pk:
        raise ValidationError(_("L'objet de l'adhésion appartient à un autre territoire."))
    open_ones = Adhesion.objects.filter(organisation=organisation, service=service, instrument=instrument).open()
    open_ones = open_ones.for_subject(subject) if subject is not None else open_ones.filter(subject_id__isnull=True)
    if open_ones.exists():
        raise ValidationError(_("Cette organisation adhère déjà à ce service."))
    adhesion.full_clean(exclude=["convention"])
    adhesion._history_user = by
    adhesion.save()
    adhesion.convention = convention or convention_create(
        territory=territory,
        instrument=convention_instrument,
        title=f"Adhésion de {organisation.name} : {Service(service).label}"[:200],
        object=object,
        parties=[(epci, "EPCI, porteur du service"), (organisation, "organisation adhérente")],
        start=start,
        amount_description=amount_description,
        notice_months=notice_months,
        source=adhesion,
        created_by=by,
    )
    adhesion.save(update_fields=["convention"])
    _tell_coordination("agreements.adhesion_created", adhesion, adhesion.start, by)
    return adhesion


def _tell_coordination(event: str, adhesion: Adhesion, day: date, by: User | None, *also) -> None:
    context = {
        "organisation": adhesion.organisation,
        "service": adhesion.get_service_display(),
        "day": formats.date_format(day),
    }
    recipients = [*coordinators_of(adhesion.territory_id), *managers_of(adhesion.territory_id, adhesion.service), *also]
    url = reverse("agreements:adhesions:list") + f"?organisation={adhesion.organisation_id}"
    notify(event, recipients=recipients, context=context, url=url, territory=adhesion.territory_id, exclude=by)


def adhesion_of(
    organisation: Organisation, service: str, on: date, *, instrument: str | None = None, subject=None
) -> Adhesion | None:
    """The organisation's adhesion to the service in force on `on`, if any."""
    adhesions = Adhesion.objects.filter(organisation=organisation, service=service).active_on(on)
    if instrument is not None:
        adhesions = adhesions.filter(instrument=instrument)
    if subject is not None:
        adhesions = adhesions.for_subject(subject)
    return adhesions.select_related("convention").order_by("-start").first()


def adhesion_required(
    organisation: Organisation, service: str, on: date, *, instrument: str | None = None, subject=None
) -> Adhesion:
    """The adhesion a service needs before it serves an organisation; a clear refusal without it."""
    adhesion = adhesion_of(organisation, service, on, instrument=instrument, subject=subject)
    if adhesion is None:
        raise ValidationError(
            _("%(organisation)s n'adhère pas au service « %(service)s » au %(day)s : demandez d'abord l'adhésion.")
            % {"organisation": organisation, "service": Service(service).label, "day": formats.date_format(on)}
        )
    return adhesion


@transaction.atomic
def adhesion_withdraw(
    *, adhesion: Adhesion, on: date, decision: Decision | None = None, by: User | None = None
) -> Adhesion:
    """Leave a service on `on` under the convention's notice and the schéma's rule (§4): not
    before the notice has run from today; freely before the action that steers the service is
    launched; afterwards (or while a registered lock holds, such as a running consultation) only
    on an accepting decision of the Bureau, recorded with the adhesion."""
    adhesion = Adhesion.objects.select_for_update().get(pk=adhesion.pk)
    if adhesion.end is not None:
        raise ValidationError(_("Cette adhésion a déjà pris fin."))
    if on <= adhesion.start:
        raise ValidationError({"on": _("Le retrait doit suivre le début de l'adhésion.")})
    notice = adhesion.convention.notice_months if adhesion.convention_id else 0
    if notice and on < add_months(timezone.localdate(), notice):
        earliest = formats.date_format(add_months(timezone.localdate(), notice), "SHORT_DATE_FORMAT")
        message = _(
            "La convention prévoit un préavis de %(months)s mois : le retrait prend effet au plus tôt le %(day)s."
        )
        raise ValidationError({"on": message % {"months": notice, "day": earliest}})
    if decision is not None and decision.territory_id != adhesion.territory_id:
        raise ValidationError(_("Cette décision n'est pas du territoire."))
    withdrawal_check(launched=terms.withdrawal_locked(adhesion, on), decision=decision)
    adhesion.end, adhesion.withdrawal_decision = on, decision
    adhesion._history_user = by
    adhesion.save(update_fields=["end", "withdrawal_decision"])
    _tell_coordination("agreements.adhesion_withdrawn", adhesion, on, by, *staff_of(adhesion.organisation_id))
    return adhesion


@transaction.atomic
def adhesion_withdraw_with_decision(
    *,
    adhesion: Adhesion,
    on: date,
    decided_on: date | None,
    outcome: str = "",
    reference: str = "",
    by: User | None = None,
) -> Adhesion:
    """Withdraw, recording first the Bureau's decision when one is given (needed once locked)."""
    decision = None
    if decided_on is not None:
        decision = decision_record(
            territory=adhesion.territory,
            decided_on=decided_on,
            subject=_("Retrait de %(organisation)s du service « %(service)s »")
            % {"organisation": adhesion.organisation, "service": adhesion.get_service_display()},
            outcome=outcome,
            reference=reference,
        )
    return adhesion_withdraw(adhesion=adhesion, on=on, decision=decision, by=by)
