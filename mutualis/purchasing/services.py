"""Every write of the purchasing club: adhesion, programme, census, award, open data.

Functions take keyword-only arguments, run in a transaction and raise ValidationError.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from mutualis.accounts.models import User
from mutualis.agreements.models import Adhesion, Convention
from mutualis.agreements.services import adhesion_create, adhesion_required
from mutualis.notifications.people import staff_of_all
from mutualis.notifications.services import notify
from mutualis.purchasing.consolidation import CENT, amounts_by_lot, thresholds_on
from mutualis.purchasing.models import (
    INSTRUMENTS,
    Answer,
    Article,
    Award,
    Consultation,
    ConsultationStatus,
    Interest,
    Lot,
    Modification,
    Need,
    ThresholdKind,
)
from mutualis.territory.models import Organisation, Service, Territory

CLUB_OBJECT = (
    "Adhésion aux achats groupés de l'EPCI : recensement des besoins, consultations "
    "et exécution des marchés attribués pour le compte des membres"
)


# ---------------------------------------------------------------- adhesion


@transaction.atomic
def membership_join(
    *,
    organisation: Organisation,
    instrument: str,
    joined_on: date,
    by: User | None,
    convention: Convention | None = None,
) -> Adhesion:
    """Join the club or the central purchasing body: an adhesion to the purchasing service under
    that formula. Without a convention given (the group's own, signed by several members), an
    accession convention between the EPCI and the organisation is drafted."""
    if instrument not in dict(INSTRUMENTS):
        raise ValidationError({"instrument": _("Formule inconnue.")})
    return adhesion_create(
        organisation=organisation,
        service=Service.PURCHASING,
        instrument=instrument,
        start=joined_on,
        convention_instrument=instrument,
        object=CLUB_OBJECT,
        convention=convention,
        by=by,
    )


def member_required(organisation: Organisation, consultation: Consultation) -> Adhesion:
    """The organisation's adhesion under the consultation's formula today; a clear refusal without it."""
    return adhesion_required(organisation, Service.PURCHASING, timezone.localdate(), instrument=consultation.instrument)


# ---------------------------------------------------------------- programme


@transaction.atomic
def consultation_create(*, territory: Territory, by: User | None, **fields) -> Consultation:
    consultation = Consultation(territory=territory, **fields)
    consultation.full_clean()
    consultation.save()
    return consultation


@transaction.atomic
def lot_create(
    *, consultation: Consultation, number: int, title: str, articles: list[tuple[str, str]], by: User | None
) -> Lot:
    """A lot and the articles of its price schedule (name, unit); no new lot once the census is closed."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.status not in (ConsultationStatus.PLANNED, ConsultationStatus.CENSUS):
        raise ValidationError(_("Le recensement est clos : on n'ajoute plus de lot."))
    if not articles:
        raise ValidationError({"articles": _("Un lot compte au moins un article.")})
    if consultation.lots.filter(number=number).exists():
        raise ValidationError({"number": _("Ce numéro de lot existe déjà.")})
    if len({name.casefold() for name, _unit in articles}) < len(articles):
        raise ValidationError({"articles": _("Deux articles portent le même nom.")})
    lot = Lot.objects.create(consultation=consultation, number=number, title=title)
    Article.objects.bulk_create(Article(lot=lot, name=name, unit=unit) for name, unit in articles)
    return lot


@transaction.atomic
def interest_toggle(*, consultation: Consultation, organisation: Organisation, by: User | None) -> bool:
    """Mark or unmark the member's interest in a file; returns whether it is now marked."""
    if consultation.status not in (ConsultationStatus.PLANNED, ConsultationStatus.CENSUS):
        raise ValidationError(_("Cette consultation est déjà lancée."))
    member_required(organisation, consultation)
    deleted, _details = Interest.objects.filter(consultation=consultation, organisation=organisation).delete()
    if deleted:
        return False
    Interest.objects.create(consultation=consultation, organisation=organisation)
    return True


def _move(consultation: Consultation, status: str) -> Consultation:
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if not consultation.can_move_to(status):
        raise ValidationError(
            _("Une consultation au statut « %(current)s » ne peut pas passer au statut « %(next)s ».")
            % {"current": consultation.get_status_display(), "next": ConsultationStatus(status).label}
        )
    consultation.status = status
    return consultation


@transaction.atomic
def census_open(*, consultation: Consultation, deadline: date, by: User | None) -> Consultation:
    if deadline <= timezone.localdate():
        raise ValidationError({"deadline": _("La date limite doit être postérieure à aujourd'hui.")})
    if not Article.objects.filter(lot__consultation=consultation).exists():
        raise ValidationError(_("Ajoutez d'abord au moins un lot et ses articles."))
    consultation = _move(consultation, ConsultationStatus.CENSUS)
    consultation.census_deadline = deadline
    consultation.save(update_fields=["status", "census_deadline"])
    _tell_members("purchasing.census_opened", consultation, _members(consultation), by)
    return consultation


def _members(consultation: Consultation) -> list[int]:
    """The organisations adhering today to the consultation's formula."""
    return list(
        Adhesion.objects.of_service(Service.PURCHASING)
        .active_on(timezone.localdate())
        .filter(territory=consultation.territory, instrument=consultation.instrument)
        .values_list("organisation_id", flat=True)
        .distinct()
    )


def _tell_members(
    event: str, consultation: Consultation, organisation_ids: list[int], by: User | None, addresses=(), **context
) -> None:
    """Tell the staff of these organisations (and `addresses`, their own mailboxes) about the consultation."""
    context = {
        "title": consultation.title,
        "deadline": formats.date_format(consultation.census_deadline) if consultation.census_deadline else "",
        **context,
    }
    notify(
        event,
        recipients=staff_of_all(organisation_ids),
        context=context,
        territory=consultation.territory_id,
        url=reverse("purchasing:consultation_detail", args=[consultation.pk]),
        exclude=by,
        addresses=addresses,
    )


@transaction.atomic
def consultation_launch(*, consultation: Consultation, on: date, by: User | None) -> Consultation:
    """Close the census and launch the tender: from now on a member withdraws only with the Bureau's leave."""
    consultation = _move(consultation, ConsultationStatus.LAUNCHED)
    consultation.launched_on = on
    consultation.save(update_fields=["status", "launched_on"])
    _tell_members(
        "purchasing.consultation_launched", consultation, _members(consultation), by, day=formats.date_format(on)
    )
    return consultation


@transaction.atomic
def consultation_cancel(*, consultation: Consultation, by: User | None) -> Consultation:
    consultation = _move(consultation, ConsultationStatus.CANCELLED)
    consultation.save(update_fields=["status"])
    _tell_members("purchasing.consultation_cancelled", consultation, _members(consultation), by)
    return consultation


# ---------------------------------------------------------------- census


@dataclass
class NeedLine:
    """One article's line of a member's answer; no quantity means no need for it."""

    article: Article
    quantity: Decimal | None
    current_unit_price: Decimal | None = None
    contract_end: date | None = None
    comments: str = ""


@transaction.atomic
def needs_declare(
    *, consultation: Consultation, organisation: Organisation, lines: list[NeedLine], by: User | None
) -> Answer:
    """Replace the member's answer to the census with these lines, all or nothing."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if not consultation.census_is_open:
        raise ValidationError(_("Le recensement des besoins n'est pas ouvert."))
    if consultation.census_deadline and timezone.localdate() > consultation.census_deadline:
        raise ValidationError(_("La date limite du recensement est passée."))
    member_required(organisation, consultation)
    if any(line.article.lot.consultation_id != consultation.pk for line in lines):
        raise ValidationError(_("Un article n'appartient pas à cette consultation."))
    Need.objects.filter(consultation=consultation, organisation=organisation).delete()
    Need.objects.bulk_create(
        Need(
            consultation=consultation,
            organisation=organisation,
            article=line.article,
            quantity=line.quantity,
            current_unit_price=line.current_unit_price,
            contract_end=line.contract_end,
            comments=line.comments,
        )
        for line in lines
        if line.quantity
    )
    answer, _created = Answer.objects.update_or_create(
        consultation=consultation,
        organisation=organisation,
        defaults={"answered_at": timezone.now(), "answered_by": by},
    )
    return answer


# ---------------------------------------------------------------- award


@transaction.atomic
def lot_award(
    *,
    lot: Lot,
    prices: dict[int, Decimal],
    supplier_name: str,
    supplier_siret: str,
    procedure: str,
    offers_received: int,
    notified_on: date,
    start: date,
    end: date,
    renewals: int = 0,
    by: User | None,
) -> Award:
    """Record a lot's contract and the unit price of each of its articles; the consultation
    is awarded once every lot is. The amount is the consolidated yearly needs at these prices
    over the contract's whole duration."""
    consultation = Consultation.objects.select_for_update().get(pk=lot.consultation_id)
    if consultation.status != ConsultationStatus.LAUNCHED:
        raise ValidationError(_("Seule une consultation lancée s'attribue."))
    if Award.objects.filter(lot=lot).exists():
        raise ValidationError(_("Ce lot est déjà attribué."))
    articles = list(lot.articles.all())
    if any(prices.get(article.pk) is None for article in articles):
        raise ValidationError({"prices": _("Donnez le prix attribué de chaque article du lot.")})
    if end <= start:
        raise ValidationError({"end": _("La fin doit être postérieure au début.")})
    for article in articles:
        article.awarded_unit_price = prices[article.pk]
    Article.objects.bulk_update(articles, ["awarded_unit_price"])
    award = Award(
        lot=lot,
        decp_id=f"{notified_on.year}-{consultation.pk}-{lot.number}"[:16],
        supplier_name=supplier_name,
        supplier_siret=supplier_siret,
        procedure=procedure,
        offers_received=offers_received,
        notified_on=notified_on,
        start=start,
        end=end,
        renewals=renewals,
        amount=Decimal(0),
    )
    yearly = amounts_by_lot(consultation, awarded=True).get(lot.pk, Decimal(0))
    award.amount = (yearly * award.duration_months / 12).quantize(CENT)
    award.full_clean(exclude=["lot"])
    award.save()
    if not Lot.objects.filter(consultation=consultation, award__isnull=True).exists():
        consultation.status = ConsultationStatus.AWARDED
        consultation.save(update_fields=["status"])
    return award


@transaction.atomic
def award_publish(*, award: Award, on: date, by: User | None) -> Award:
    """Publish the essential data once; the record never changes afterwards."""
    award = Award.objects.select_for_update().get(pk=award.pk)
    if award.published_on:
        raise ValidationError(_("Les données essentielles de ce marché sont déjà publiées."))
    threshold = thresholds_on(award.notified_on).get(ThresholdKind.PUBLICATION)
    if threshold is not None and award.amount < threshold:
        raise ValidationError(
            _("Sous %(threshold)s € HT, la publication des données essentielles n'est pas due.")
            % {"threshold": threshold}
        )
    award.published_on = on
    award.save(update_fields=["published_on"])
    lot = award.lot
    with_needs = list(Need.objects.filter(article__lot=lot).values_list("organisation_id", flat=True).distinct())
    _tell_members(
        "purchasing.award_published",
        lot.consultation,
        with_needs,
        by,
        lot=lot.title,
        supplier=award.supplier_name,
        start=formats.date_format(award.start),
    )
    return award


@transaction.atomic
def award_modify(
    *,
    award: Award,
    notified_on: date,
    reason: str,
    duration_months: int | None = None,
    amount: Decimal | None = None,
    supplier_siret: str = "",
    by: User | None,
) -> Modification:
    """An amendment: the award keeps its published fields and gains a numbered modification."""
    award = Award.objects.select_for_update().get(pk=award.pk)
    if duration_months is None and amount is None and not supplier_siret:
        raise ValidationError(_("Une modification change la durée, le montant ou le titulaire."))
    number = award.modifications.count() + 1
    modification = Modification(
        award=award,
        number=number,
        notified_on=notified_on,
        published_on=timezone.localdate(),
        duration_months=duration_months,
        amount=amount,
        supplier_siret=supplier_siret,
        reason=reason,
    )
    modification.full_clean()
    modification.save()
    return modification


# ---------------------------------------------------------------- reminders


def censuses_to_remind(days_before: int):
    """Open censuses whose deadline is within `days_before` days and not yet passed, not reminded yet."""
    today = timezone.localdate()
    return Consultation.objects.filter(
        status=ConsultationStatus.CENSUS,
        reminded_on__isnull=True,
        census_deadline__gte=today,
        census_deadline__lte=today + timedelta(days=days_before),
    ).order_by("pk")


@transaction.atomic
def census_remind(*, consultation: Consultation) -> int:
    """Email every member under the consultation's formula that has not answered; once per census.
    Returns the members reminded."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.reminded_on or not consultation.census_is_open:
        return 0
    answered = set(Answer.objects.filter(consultation=consultation).values_list("organisation_id", flat=True))
    silent = [organisation_id for organisation_id in _members(consultation) if organisation_id not in answered]
    addresses = Organisation.objects.filter(pk__in=silent).exclude(email="").values_list("email", flat=True)
    _tell_members("purchasing.census_reminder", consultation, silent, None, addresses=list(addresses))
    consultation.reminded_on = timezone.localdate()
    consultation.save(update_fields=["reminded_on"])
    return len(silent)
