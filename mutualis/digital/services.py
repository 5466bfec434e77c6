"""Writes on shared software, their users (adhesions), maintenance and RGPD records.

Maintenance sharing (`maintenance_post`): the year's amount is split among the organisations
that used the software that year, each weighted by the days it used it in the year (pro rata
temporis: an organisation joining on 1 July pays about half a share) times 1 (equal shares) or
its population (the software's `share_basis`). The whole amount is always shared out: the
shares are rounded down to the cent and the cents left go one by one to the largest
remainders (ties: by organisation name), so they sum exactly to the amount.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mutualis.accounts.models import User
from mutualis.agreements.models import Adhesion, Convention, GatedStep, Instrument
from mutualis.agreements.services import adhesion_create, adhesion_withdraw, gate_refusal
from mutualis.billing.models import Charge
from mutualis.billing.services import charge_post
from mutualis.core import money
from mutualis.core.periods import year_span
from mutualis.digital.models import (
    MaintenanceCost,
    ProcessingActivity,
    ShareBasis,
    Software,
)
from mutualis.territory.models import Organisation, Service

# Software acquired by the EPCI and shared with its communes (seed: CGCT L5211-4-3).
USE_INSTRUMENT = Instrument.POOLING_OF_RESOURCES


def _save(row, by: User | None):
    row.full_clean()
    if by is not None:
        row._history_user = by
    row.save()
    return row


# ---------------------------------------------------------------- catalogue


@transaction.atomic
def software_save(*, software: Software, by: User | None = None) -> Software:
    """Add a software to the catalogue or save its changes; the referent must belong to the EPCI."""
    if software.referent_id and software.referent.organisation.territory_id != software.territory_id:
        raise ValidationError({"referent": _("Le référent doit appartenir au territoire.")})
    return _save(software, by)


@transaction.atomic
def software_archive(*, software: Software, by: User | None = None) -> Software:
    """Withdraw a software from the catalogue; its users' adhesions end today, under the
    schéma's rule: once a withdrawal needs the Bureau, end those adhesions first, each with
    its decision (the archive is refused meanwhile, nothing half-done)."""
    today = timezone.localdate()
    for adhesion in software.adhesions.filter(service=Service.DIGITAL).open():
        adhesion_withdraw(adhesion=adhesion, on=max(today, adhesion.start + timedelta(days=1)), by=by)
    software.archived_at = timezone.now()
    return _save(software, by)


# ---------------------------------------------------------------- users


@transaction.atomic
def software_user_add(
    *,
    software: Software,
    organisation: Organisation,
    start: date,
    by: User | None = None,
    convention: Convention | None = None,
) -> Adhesion:
    """An organisation adheres to the digital service to use a software from `start`
    (`agreements.services.adhesion_create`, the software as subject), under a convention of
    *mise en commun de moyens* with the EPCI drafted there, unless an existing `convention`
    between them already covers it. It leaves through `adhesion_withdraw`."""
    Software.objects.select_for_update().get(pk=software.pk)  # serialises the overlap check
    if software.archived_at is not None:
        raise ValidationError(_("Ce logiciel n'est plus proposé."))
    if organisation.territory_id != software.territory_id:
        raise ValidationError({"organisation": _("L'organisation doit appartenir au territoire.")})
    epci = software.territory.epci()
    if organisation.pk == epci.pk:
        raise ValidationError(
            {"organisation": _("L'EPCI met le logiciel à disposition : il n'en est pas utilisateur.")}
        )
    if software.adhesions.filter(service=Service.DIGITAL, organisation=organisation).during(start, date.max).exists():
        raise ValidationError({"organisation": _("Cette organisation utilise déjà ce logiciel à cette date.")})
    if convention is not None and not {epci.pk, organisation.pk} <= convention.organisation_ids():
        raise ValidationError({"convention": _("La convention doit lier l'EPCI et l'organisation.")})
    return adhesion_create(
        organisation=organisation,
        service=Service.DIGITAL,
        start=start,
        convention_instrument=USE_INSTRUMENT,
        object=_(
            "Mise à disposition du logiciel %(name)s acquis par l'EPCI ; l'utilisatrice prend en charge sa "
            "part des frais de maintenance annuels."
        )
        % {"name": software.name},  # fmt: skip
        subject=software,
        convention=convention,
        by=by,
    )


# ---------------------------------------------------------------- maintenance


@transaction.atomic
def maintenance_set(*, software: Software, year: int, amount: Decimal, by: User | None = None) -> MaintenanceCost:
    """Record (or correct, until it is shared out) the maintenance of a year."""
    cost = MaintenanceCost.objects.select_for_update().filter(software=software, year=year).first()
    if cost is None:
        cost = MaintenanceCost(software=software, year=year)
    elif cost.is_posted:
        raise ValidationError(_("La maintenance %(year)s est déjà répartie entre les utilisateurs.") % {"year": year})
    cost.amount = amount
    return _save(cost, by)


def maintenance_shares(cost: MaintenanceCost) -> dict[Organisation, tuple[Decimal, int, Adhesion]]:
    """Each user's share of the year's maintenance, with its days of use and its last adhesion."""
    start, end = year_span(cost.year)
    days: dict[Organisation, int] = defaultdict(int)
    last: dict[Organisation, Adhesion] = {}
    adhesions = Adhesion.objects.of_service(Service.DIGITAL).for_subject(cost.software).during(start, end)
    for adhesion in adhesions.select_related("organisation", "convention").order_by("start", "pk"):
        days[adhesion.organisation] += adhesion.days_in(start, end)
        last[adhesion.organisation] = adhesion
    if cost.software.share_basis == ShareBasis.POPULATION:
        missing = sorted(o.name for o in days if not o.population)
        if missing:
            raise ValidationError(
                _("Population inconnue pour : %(names)s. Renseignez-la avant de répartir.")
                % {"names": ", ".join(missing)}
            )
        weights = {o: d * o.population for o, d in days.items()}
    else:
        weights = dict(days)
    # Ties of the largest-remainder rule go to the earlier organisation: in alphabetical order.
    weights = dict(sorted(weights.items(), key=lambda item: (item[0].search_name, item[0].pk)))
    shares = money.split_by(cost.amount, weights) if weights else {}
    return {o: (shares[o], days[o], last[o]) for o in weights}


def billing_refusals(adhesions: Iterable[Adhesion]) -> list[str]:
    """Why each adhesion may not be billed yet: its convention is not signed (one message each)."""
    refusals = (gate_refusal(convention=adhesion.convention, step=GatedStep.BILLING) for adhesion in adhesions)
    return [refusal for refusal in refusals if refusal]


@transaction.atomic
def maintenance_post(*, software: Software, year: int, by: User | None = None) -> list[Charge]:
    """Share the year's maintenance among the software's users and bill each its share.

    The adhesion conventions govern billing: while one user's convention is not signed the
    whole sharing is refused, naming every convention that waits. Shares are parts of one
    amount, so billing only the signed users would leave the others' parts unbilled once the
    year is marked shared out.

    Idempotent: once shared out, the year is marked posted and posting again returns the
    charges already posted, whatever changed since.
    """
    cost = MaintenanceCost.objects.select_for_update().filter(software=software, year=year).first()
    if cost is None:
        raise ValidationError(_("Aucune maintenance n'est enregistrée pour %(year)s.") % {"year": year})
    if cost.is_posted:
        return list(posted_charges(cost))
    shares = maintenance_shares(cost)
    if not shares:
        raise ValidationError(_("Aucune organisation n'a utilisé ce logiciel en %(year)s.") % {"year": year})
    refusals = billing_refusals(adhesion for _share, _days, adhesion in shares.values())
    if refusals:
        raise ValidationError(refusals)
    year_start, year_end = year_span(year)
    year_days = (year_end - year_start).days
    charges = []
    for organisation, (share, days, adhesion) in sorted(shares.items(), key=lambda s: s[0].search_name):
        if share == 0:
            continue
        label = _("Maintenance %(year)s du logiciel %(name)s") % {"year": year, "name": software.name}
        if days < year_days:
            label += " " + _("(%(days)s jours sur %(total)s)") % {"days": days, "total": year_days}
        charges.append(
            charge_post(
                organisation=organisation,
                service=Service.DIGITAL,
                label=label,
                quantity=Decimal("1"),
                unit_price=share,
                date=max(adhesion.start, year_start),
                source=adhesion,
                created_by=by,
            )
        )
    cost.posted_at, cost.posted_by = timezone.now(), by
    _save(cost, by)
    cost.charges.set(charges)
    return charges


def posted_charges(cost: MaintenanceCost) -> Iterable[Charge]:
    return cost.charges.posted().select_related("organisation").order_by("organisation__search_name")


# ---------------------------------------------------------------- RGPD record


@transaction.atomic
def processing_save(*, activity: ProcessingActivity, by: User | None = None) -> ProcessingActivity:
    """Add a processing activity to an organisation's record, or save its changes."""
    if activity.archived_at is not None:
        raise ValidationError(_("Ce traitement est archivé."))
    return _save(activity, by)


@transaction.atomic
def processing_archive(*, activity: ProcessingActivity, by: User | None = None) -> ProcessingActivity:
    """The processing has stopped: it leaves the current record and stays in the history."""
    if activity.archived_at is not None:
        raise ValidationError(_("Ce traitement est déjà archivé."))
    activity.archived_at = timezone.now()
    return _save(activity, by)
