"""Writes on shared equipment: the census, requests and needs, decisions, handovers and returns.

The rule that matters most: an item is never lent twice over overlapping days. Pending
requests block nobody; `request_accept` re-checks every rule after locking the item's row
(SQLite's IMMEDIATE transactions lock the whole database at BEGIN), and PostgreSQL's
exclusion constraint stops whatever would slip past. Fees and damage are billed at return
through `billing.services.charge_post`; each loan has its convention from `agreements`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mutualis.accounts.models import User
from mutualis.agreements.models import GatedStep, Instrument
from mutualis.agreements.services import (
    DOCUMENT_LANGUAGE,
    convention_cancel,
    convention_create,
    convention_end,
    convention_gate,
    convention_send,
    gate_refusal,
)
from mutualis.billing.services import charge_post
from mutualis.equipment.models import (
    DEFAULT_CATEGORIES,
    Category,
    Item,
    ItemPhoto,
    LendingRules,
    Loan,
    LoanPhoto,
    LoanStatus,
    PhotoStage,
    Proposal,
    Request,
    RequestStatus,
    Unavailability,
)
from mutualis.notifications.people import managers_of, staff_of
from mutualis.notifications.services import notify
from mutualis.territory.models import Organisation, Service, Territory

# ---------------------------------------------------------------- census


@transaction.atomic
def categories_for(territory: Territory) -> QuerySet[Category]:
    """The territory's categories; a territory without any gets the default ones.

    Only then: a category the territory renamed must not come back under its old name."""
    if not Category.objects.filter(territory=territory).exists():
        # Stored names are data: in the site's language, whatever the first visitor's.
        with translation.override(settings.LANGUAGE_CODE):
            for name in DEFAULT_CATEGORIES:
                Category.objects.get_or_create(territory=territory, name=str(name))
    return Category.objects.filter(territory=territory).with_list_data()


def lending_rules_for(organisation: Organisation) -> LendingRules:
    """The owner's rules, created with the defaults on first use."""
    rules, _created = LendingRules.objects.get_or_create(organisation=organisation)
    return rules


@transaction.atomic
def item_declare(*, owner: Organisation, category: Category, name: str, by: User, **fields) -> Item:
    """Add an item to the catalogue; `fields` are any other Item fields (description, fees…)."""
    item = Item(owner=owner, category=category, name=name.strip(), **fields)
    item.full_clean(exclude=["territory"])
    item._history_user = by
    item.save()
    return item


@transaction.atomic
def item_archive(*, item: Item, by: User) -> Item:
    """Take an item out of the catalogue for good; it stays for the loans' record."""
    if item.archived_at is not None:
        raise ValidationError(_("Ce matériel est déjà archivé."))
    if item.loans.active().exists():
        raise ValidationError(_("Ce matériel a des prêts prévus ou en cours : terminez-les ou annulez-les d'abord."))
    item.archived_at = timezone.now()
    item._history_user = by
    item.save(update_fields=["archived_at"])
    return item


def _require_consent(photos: Sequence[File], consent: bool) -> None:
    if photos and not consent:
        raise ValidationError(
            {"photos": _("Confirmez que les personnes visibles ont donné leur accord (ou que personne n'est visible).")}
        )


@transaction.atomic
def item_photo_add(*, item: Item, image: File, consent: bool, by: User, caption: str = "") -> ItemPhoto:
    _require_consent([image], consent)
    photo = ItemPhoto(item=item, image=image, consent=consent, caption=caption.strip())
    photo.full_clean()
    photo._history_user = by
    photo.save()
    return photo


@transaction.atomic
def unavailability_add(*, item: Item, start: date, end: date, reason: str, by: User) -> Unavailability:
    """Block an item for maintenance over [start, end); refused if a loan already holds those days."""
    if end <= start:
        raise ValidationError({"end": _("La fin doit être postérieure au début.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Indiquez le motif de l'indisponibilité.")})
    Item.objects.select_for_update().filter(pk=item.pk).first()
    if item.loans.blocking(start, end).exists():
        raise ValidationError(_("Un prêt est prévu sur cette période : annulez-le ou choisissez d'autres dates."))
    unavailability = Unavailability(item=item, start=start, end=end, reason=reason.strip())
    unavailability._history_user = by
    unavailability.save()
    return unavailability


# ---------------------------------------------------------------- rules and mail


def _day(value: date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def check_loan_rules(
    *,
    item: Item,
    start: date,
    end: date,
    requested_on: date,
    qualification: tuple[bool, str] | None = None,
) -> None:
    """Raise a ValidationError listing every rule a loan of `item` over [start, end) would break.

    Notice and horizon are counted from `requested_on`, the day the borrower asked; the
    turnaround buffer applies after the new loan as after the existing ones.
    `qualification` is (declared, holder name); None skips that check.
    """
    errors: dict[str, list[str]] = {}

    def error(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    rules = item.rules
    if not item.is_available_for_loans:
        error("item", _("Ce matériel n'est pas proposé au prêt."))
    if end <= start:
        raise ValidationError({"end": _("La fin doit être postérieure au début.")})
    if start < timezone.localdate():
        error("start", _("Le premier jour est déjà passé."))
    if start < requested_on + timedelta(days=rules.notice_days):
        error(
            "start",
            ngettext(
                "Ce matériel se demande au moins %(days)d jour à l'avance.",
                "Ce matériel se demande au moins %(days)d jours à l'avance.",
                rules.notice_days,
            )
            % {"days": rules.notice_days},
        )
    if rules.horizon_days is not None and start > requested_on + timedelta(days=rules.horizon_days):
        error(
            "start",
            _("Ce matériel se réserve au plus %(days)d jours à l'avance.") % {"days": rules.horizon_days},
        )
    if rules.max_days is not None and (end - start).days > rules.max_days:
        error(
            "end",
            ngettext(
                "Ce matériel se prête %(days)d jour au plus.",
                "Ce matériel se prête %(days)d jours au plus.",
                rules.max_days,
            )
            % {"days": rules.max_days},
        )
    for unavailability in item.unavailabilities.filter(start__lt=end, end__gt=start):
        error(
            "start",
            _("Ce matériel est indisponible du %(start)s au %(last)s (%(reason)s).")
            % {
                "start": _day(unavailability.start),
                "last": _day(unavailability.last_day),
                "reason": unavailability.reason,
            },
        )
    taken = item.loans.blocking(start, end + timedelta(days=rules.buffer_days)).order_by("start").first()
    if taken is not None:
        message = _("Ce matériel est déjà prêté du %(start)s au %(last)s.") % {
            "start": _day(taken.start),
            "last": _day(taken.last_day),
        }
        if rules.buffer_days:
            message += " " + ngettext(
                "Il faut %(days)d jour entre deux prêts.", "Il faut %(days)d jours entre deux prêts.", rules.buffer_days
            ) % {"days": rules.buffer_days}
        error("start", message)
    if qualification is not None and item.requires_qualification:
        declared, holder = qualification
        if not declared or not holder.strip():
            error(
                "qualification_holder",
                _("Ce matériel demande une qualification (%(kind)s) : déclarez-la et nommez son titulaire.")
                % {"kind": item.get_qualification_kind_display()},
            )
    if errors:
        raise ValidationError(errors)


def owner_people(item: Item) -> dict:
    """Whom to tell about an item, as `notify` arguments: its contact person and contact
    address, else the owner's mayor and secretaries."""
    if item.contact is None and not item.contact_email:
        return {"recipients": staff_of(item.owner)}
    return {"recipients": [item.contact] if item.contact else [], "addresses": [item.contact_email]}


def _context(request: Request | Loan, **more) -> dict:
    """What every equipment email names: the item, the parties and the period."""
    item = request.item
    return {
        "item": item,
        "owner": item.owner if item else "",
        "borrower": request.borrower,
        "period": _period(request),
        **more,
    }


def _period(request: Request | Loan) -> str:
    return _("du %(start)s au %(last)s inclus") % {"start": _day(request.start), "last": _day(request.last_day)}


# ---------------------------------------------------------------- requests


@transaction.atomic
def request_create(
    *,
    borrower: Organisation,
    start: date,
    end: date,
    purpose: str,
    contact: User,
    created_by: User,
    item: Item | None = None,
    category: Category | None = None,
    handover: str = "pickup",
    qualification_declared: bool = False,
    qualification_holder: str = "",
    need: Request | None = None,
) -> Request:
    """Ask to borrow `item` over [start, end), or, without an item, state a need for `category`.

    The rules are checked now for a clear answer, and again at acceptance; a pending request
    holds nothing. The owner's contact (for a need, the equipment managers) is emailed.
    """
    if item is None and category is None:
        raise ValidationError({"item": _("Choisissez un matériel, ou une catégorie pour exprimer un besoin.")})
    if not borrower.is_active:
        raise ValidationError({"borrower": _("Cette organisation n'est plus membre active.")})
    if not purpose.strip():
        raise ValidationError({"purpose": _("Indiquez l'usage prévu.")})
    if end <= start:
        raise ValidationError({"end": _("La fin doit être postérieure au début.")})
    if item is not None:
        if item.territory_id != borrower.territory_id:
            raise ValidationError({"item": _("Ce matériel appartient à un autre territoire.")})
        if item.owner_id == borrower.pk:
            raise ValidationError({"item": _("Ce matériel appartient déjà à votre organisation.")})
        check_loan_rules(
            item=item,
            start=start,
            end=end,
            requested_on=timezone.localdate(),
            qualification=(qualification_declared, qualification_holder),
        )
        category = item.category
    else:
        if category.territory_id != borrower.territory_id:
            raise ValidationError({"category": _("Cette catégorie appartient à un autre territoire.")})
        if start < timezone.localdate():
            raise ValidationError({"start": _("Le premier jour est déjà passé.")})
    request = Request(
        territory_id=borrower.territory_id,
        borrower=borrower,
        item=item,
        owner_id=item.owner_id if item else None,
        category=category,
        need=need,
        start=start,
        end=end,
        purpose=purpose.strip(),
        handover=handover,
        contact=contact,
        qualification_declared=qualification_declared,
        qualification_holder=qualification_holder.strip(),
        created_by=created_by,
    )
    request.full_clean()
    request._history_user = created_by
    request.save()
    url = reverse("equipment:request_detail", args=[request.pk])
    if item is not None:
        context = _context(request, purpose=request.purpose, contact=contact.get_full_name(), email=contact.email)
        notify(
            "equipment.request_created",
            **owner_people(item),
            context=context,
            url=url,
            territory=request.territory_id,
            exclude=created_by,
        )
    else:
        context = _context(request, category=category, purpose=request.purpose)
        notify(
            "equipment.need_created",
            recipients=managers_of(request.territory_id, Service.EQUIPMENT),
            context=context,
            url=url,
            territory=request.territory_id,
            exclude=created_by,
        )
    return request


def _lock(request: Request) -> Request:
    return Request.objects.select_for_update().get(pk=request.pk)


def _move_request(request: Request, status: str, by: User, **fields) -> Request:
    for name, value in fields.items():
        setattr(request, name, value)
    request.status = status
    request._history_user = by
    request.save(update_fields=["status", *fields])
    return request


def _refuse_transition(request: Request, status: str) -> None:
    if not request.can_become(status):
        raise ValidationError(
            _("Une demande « %(current)s » ne peut pas passer à « %(target)s ».")
            % {"current": RequestStatus(request.status).label, "target": RequestStatus(status).label}
        )


def _euros(amount: Decimal) -> str:
    return formats.number_format(amount, 2, use_l10n=True, force_grouping=True) + "\u00a0€"


def _convention_terms(loan: Loan, item: Item) -> tuple[Decimal | None, str, str]:
    """(amount, amount description, object) of a loan's convention, in French whatever the user's language."""
    with translation.override(DOCUMENT_LANGUAGE):
        days = loan.days
        deposit = f"caution de {_euros(loan.deposit)}" if loan.deposit else "sans caution"
        if loan.daily_fee:
            amount: Decimal | None = loan.daily_fee * days
            description = f"{days} jour{'s' if days > 1 else ''} à {_euros(loan.daily_fee)} par jour ; {deposit}"
        else:
            amount, description = None, f"prêt gratuit ; {deposit}"
        parts = [f"Mise à disposition de : {item.name}" + (f" (lot de {item.quantity})" if item.quantity > 1 else "")]
        if item.operator_provided:
            parts.append("Le matériel est mis à disposition avec un opérateur du prêteur.")
        if item.requires_qualification:
            holder = loan.request.qualification_holder
            parts.append(f"Qualification requise ({item.get_qualification_kind_display()}) : détenue par {holder}.")
        if item.conditions:
            parts.append(f"Conditions d'utilisation : {item.conditions}")
        return amount, description, "\n".join(parts)


@transaction.atomic
def request_accept(*, request: Request, by: User) -> Loan:
    """Accept a request for an item: the loan, its convention sent to both parties for signature
    (the item is handed over only once they have signed), and an email to the borrower.

    The item's row is locked before the rules are read again, so that of two overlapping
    requests accepted at the same moment, the second sees the first's loan and is refused.
    """
    request = _lock(request)
    if request.is_need:
        raise ValidationError(_("Un besoin ne s'accepte pas : proposez-lui du matériel."))
    _refuse_transition(request, RequestStatus.ACCEPTED)
    item = (
        Item.objects.select_for_update(of=("self",))
        .select_related("owner", "owner__lending_rules", "category")
        .get(pk=request.item_id)
    )
    check_loan_rules(
        item=item,
        start=request.start,
        end=request.end,
        requested_on=timezone.localdate(request.created_at),
        qualification=(request.qualification_declared, request.qualification_holder),
    )
    loan = Loan(
        request=request,
        territory_id=request.territory_id,
        item=item,
        owner_id=item.owner_id,
        borrower_id=request.borrower_id,
        start=request.start,
        end=request.end,
        blocked_until=request.end + timedelta(days=item.rules.buffer_days),
        daily_fee=item.daily_fee,
        deposit=item.deposit,
    )
    loan._history_user = by
    try:
        with transaction.atomic():
            loan.save()
    except IntegrityError:
        # PostgreSQL's exclusion constraint: a concurrent loan slipped in despite the lock.
        raise ValidationError(_("Ce matériel vient d'être prêté sur une période qui chevauche celle-ci.")) from None
    amount, description, object_text = _convention_terms(loan, item)
    loan.convention = convention_create(
        territory=item.territory,
        instrument=Instrument.POOLING_OF_RESOURCES,
        title=f"Prêt de matériel : {item.name}"[:200],
        object=object_text,
        parties=[(item.owner, "prêteur"), (request.borrower, "emprunteur")],
        start=loan.start,
        end=loan.end,
        amount=amount,
        amount_description=description,
        source=loan,
        created_by=by,
    )
    convention_send(convention=loan.convention, by=by)
    loan.save(update_fields=["convention"])
    _move_request(request, RequestStatus.ACCEPTED, by, decided_at=timezone.now(), decided_by=by)
    notify(
        "equipment.request_accepted",
        recipients=[request.contact],
        context=_context(loan),
        url=reverse("equipment:loan_detail", args=[loan.pk]),
        territory=loan.territory_id,
        exclude=by,
    )
    return loan


@transaction.atomic
def request_refuse(*, request: Request, reason: str, by: User) -> Request:
    request = _lock(request)
    if request.is_need:
        raise ValidationError(_("Un besoin ne se refuse pas : le demandeur peut l'annuler."))
    _refuse_transition(request, RequestStatus.REFUSED)
    if not reason.strip():
        raise ValidationError({"reason": _("Indiquez le motif du refus.")})
    _move_request(
        request, RequestStatus.REFUSED, by, refusal_reason=reason.strip(), decided_at=timezone.now(), decided_by=by
    )
    notify(
        "equipment.request_refused",
        recipients=[request.contact],
        context=_context(request, reason=request.refusal_reason),
        url=reverse("equipment:request_detail", args=[request.pk]),
        territory=request.territory_id,
        exclude=by,
    )
    return request


@transaction.atomic
def request_cancel(*, request: Request, by: User) -> Request:
    """The borrower withdraws a request or a need; an accepted one cancels its loan (before
    handover) and its convention (ended if already signed)."""
    request = _lock(request)
    _refuse_transition(request, RequestStatus.CANCELLED)
    if request.status == RequestStatus.ACCEPTED:
        loan = Loan.objects.select_for_update().get(request=request)
        if loan.status != LoanStatus.SCHEDULED:
            raise ValidationError(_("Le matériel a déjà été remis : le prêt ne peut plus être annulé."))
        loan.status = LoanStatus.CANCELLED
        loan._history_user = by
        loan.save(update_fields=["status"])
        convention = loan.convention
        if convention is not None and convention.can_be_cancelled:
            convention_cancel(convention=convention, by=by)
        elif convention is not None and convention.can_be_ended:
            convention_end(convention=convention, by=by)
    _move_request(request, RequestStatus.CANCELLED, by)
    if request.item is not None:
        notify(
            "equipment.request_cancelled",
            **owner_people(request.item),
            context=_context(request),
            url=reverse("equipment:request_detail", args=[request.pk]),
            territory=request.territory_id,
            exclude=by,
        )
    return request


@transaction.atomic
def need_propose(*, request: Request, item: Item, by: User, note: str = "") -> Proposal:
    """Offer an item, free over the need's period, in answer to a need; the borrower is emailed."""
    request = _lock(request)
    if not request.can_receive_proposals:
        raise ValidationError(_("Cette demande ne reçoit pas de propositions."))
    if item.territory_id != request.territory_id:
        raise ValidationError({"item": _("Ce matériel appartient à un autre territoire.")})
    if item.owner_id == request.borrower_id:
        raise ValidationError({"item": _("Ce matériel appartient déjà à l'organisation qui le cherche.")})
    if request.proposals.filter(item=item).exists():
        raise ValidationError({"item": _("Ce matériel est déjà proposé pour ce besoin.")})
    check_loan_rules(item=item, start=request.start, end=request.end, requested_on=timezone.localdate())
    proposal = Proposal(request=request, item=item, proposed_by=by, note=note.strip())
    proposal._history_user = by
    proposal.save()
    if request.status != RequestStatus.PROPOSED:
        _move_request(request, RequestStatus.PROPOSED, by)
    notify(
        "equipment.proposal_made",
        recipients=[request.contact],
        context={**_context(request), "item": item, "owner": item.owner, "note": proposal.note},
        url=reverse("equipment:need_detail", args=[request.pk]),
        territory=request.territory_id,
        exclude=by,
    )
    return proposal


@transaction.atomic
def proposal_accept(
    *, proposal: Proposal, by: User, qualification_declared: bool = False, qualification_holder: str = ""
) -> Request:
    """The borrower takes up a proposal: a request for that item over the need's period,
    which the owner then decides on like any other. The need is fulfilled."""
    need = _lock(proposal.request)
    _refuse_transition(need, RequestStatus.FULFILLED)
    request = request_create(
        borrower=need.borrower,
        item=proposal.item,
        start=need.start,
        end=need.end,
        purpose=need.purpose,
        handover=need.handover,
        contact=need.contact,
        qualification_declared=qualification_declared,
        qualification_holder=qualification_holder,
        created_by=by,
        need=need,
    )
    _move_request(need, RequestStatus.FULFILLED, by)
    return request


# ---------------------------------------------------------------- handover and return


def loan_handover_refusal(loan: Loan) -> str:
    """Why the item may not be handed over yet (its convention awaits signatures), or ""."""
    if not loan.can_be_checked_out:
        return ""
    return gate_refusal(convention=loan.convention, step=GatedStep.LOAN_HANDOVER)


def _lock_loan(loan: Loan, status: str) -> Loan:
    loan = Loan.objects.select_for_update(of=("self",)).select_related("item", "borrower").get(pk=loan.pk)
    if not loan.can_become(status):
        raise ValidationError(
            _("Un prêt « %(current)s » ne peut pas passer à « %(target)s ».")
            % {"current": LoanStatus(loan.status).label, "target": LoanStatus(status).label}
        )
    return loan


def _add_photos(loan: Loan, stage: str, photos: Sequence[File], consent: bool, by: User) -> None:
    _require_consent(photos, consent)
    for image in photos:
        photo = LoanPhoto(loan=loan, stage=stage, image=image, consent=consent)
        try:
            photo.full_clean()
        except ValidationError as error:
            raise ValidationError({"photos": error.messages}) from None
        photo._history_user = by
        photo.save()


def _not_in_future(day: date) -> None:
    if day > timezone.localdate():
        raise ValidationError({"date": _("La date ne peut pas être dans le futur.")})


@transaction.atomic
def loan_checkout(
    *,
    loan: Loan,
    date: date,
    by: User,
    notes: str = "",
    photos: Sequence[File] = (),
    photos_consent: bool = False,
) -> Loan:
    """Record the handover: its date, the item's condition and photos. Refused while the
    loan's convention is not signed (`loan_handover_refusal`)."""
    loan = _lock_loan(loan, LoanStatus.OUT)
    convention_gate(convention=loan.convention, step=GatedStep.LOAN_HANDOVER)
    _not_in_future(date)
    _add_photos(loan, PhotoStage.CHECKOUT, photos, photos_consent, by)
    loan.status = LoanStatus.OUT
    loan.checked_out_on = date
    loan.checkout_notes = notes.strip()
    loan._history_user = by
    loan.save(update_fields=["status", "checked_out_on", "checkout_notes"])
    notify(
        "equipment.loan_checked_out",
        recipients=[loan.request.contact],
        context=_context(loan, day=_day(date), last_day=_day(loan.last_day)),
        url=reverse("equipment:loan_detail", args=[loan.pk]),
        territory=loan.territory_id,
        exclude=by,
    )
    return loan


@transaction.atomic
def loan_checkin(
    *,
    loan: Loan,
    date: date,
    by: User,
    notes: str = "",
    photos: Sequence[File] = (),
    photos_consent: bool = False,
    damage: bool = False,
    damage_description: str = "",
    damage_amount: Decimal | None = None,
) -> Loan:
    """Record the return, then bill the borrower: the fee for the days actually lent and, if
    any, the damage, both under the equipment service and action 3 of the schéma."""
    loan = _lock_loan(loan, LoanStatus.RETURNED)
    _not_in_future(date)
    if date < loan.checked_out_on:
        raise ValidationError({"date": _("Le retour ne peut pas précéder la remise.")})
    if damage and not damage_description.strip():
        raise ValidationError({"damage_description": _("Décrivez les dommages constatés.")})
    if damage_amount is not None and (not damage or damage_amount < 0):
        raise ValidationError({"damage_amount": _("Un montant ne se saisit que pour des dommages, et positif.")})
    _add_photos(loan, PhotoStage.CHECKIN, photos, photos_consent, by)
    loan.status = LoanStatus.RETURNED
    loan.checked_in_on = date
    loan.checkin_notes = notes.strip()
    loan.damage = damage
    loan.damage_description = damage_description.strip()
    loan.damage_amount = damage_amount
    loan._history_user = by
    loan.save(
        update_fields=["status", "checked_in_on", "checkin_notes", "damage", "damage_description", "damage_amount"]
    )
    billing = {
        "organisation": loan.borrower,
        "service": Service.EQUIPMENT,
        "date": date,
        "source": loan,
        "created_by": by,
    }
    name = loan.item.name[:120]
    dates = {"start": _day(loan.checked_out_on), "end": _day(date)}
    if loan.daily_fee:
        charge_post(
            label=_("Prêt de %(item)s du %(start)s au %(end)s") % {"item": name, **dates},
            quantity=Decimal(loan.days_lent),
            unit_price=loan.daily_fee,
            **billing,
        )
    if damage_amount:
        charge_post(
            label=_("Dommages sur %(item)s (prêt du %(start)s au %(end)s)") % {"item": name, **dates},
            quantity=Decimal(1),
            unit_price=damage_amount,
            **billing,
        )
    damage_text = _("Dommages constatés : %(description)s") % {"description": loan.damage_description} if damage else ""
    notify(
        "equipment.loan_checked_in",
        recipients=[loan.request.contact],
        context=_context(loan, day=_day(date), damage=damage_text),
        url=reverse("equipment:loan_detail", args=[loan.pk]),
        territory=loan.territory_id,
        exclude=by,
    )
    return loan


@transaction.atomic
def loan_notify_overdue(*, loan: Loan) -> bool:
    """Email the borrower and the owner that an item is late, once per loan; False if already done."""
    loan = Loan.objects.select_for_update(of=("self",)).select_related("item", "request__contact").get(pk=loan.pk)
    if loan.overdue_notified_at is not None or not loan.is_overdue:
        return False
    owner = owner_people(loan.item)
    notify(
        "equipment.loan_overdue",
        recipients=[loan.request.contact, *owner["recipients"]],
        addresses=owner.get("addresses", ()),
        context=_context(loan),
        url=reverse("equipment:loan_detail", args=[loan.pk]),
        territory=loan.territory_id,
    )
    loan.overdue_notified_at = timezone.now()
    loan.save(update_fields=["overdue_notified_at"])
    return True
