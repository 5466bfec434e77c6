"""Writes on the services communs: catalogue, adhesion and volumes, cost sheets, units, calls and
settlement, commission.

Posting is idempotent: an instalment exists once per adhesion, year and period (a database
constraint), and a second run finds it and posts nothing. Calls and settlements lock the service
row first, so that two managers posting at once do not both compute from the same state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from mutualis.accounts.models import User
from mutualis.agreements.models import Adhesion, GatedStep, Instrument
from mutualis.agreements.services import adhesion_create, adhesion_required, gate_refusal
from mutualis.billing.services import charge_post
from mutualis.commonservices import costs
from mutualis.commonservices.models import (
    SETTLEMENT_PERIOD,
    CommissionMeeting,
    CommissionMember,
    CommonService,
    CostKind,
    CostLine,
    CostSheet,
    ExpectedVolume,
    Instalment,
    Origin,
    Source,
    UnitUse,
    period_span,
)
from mutualis.core import workunits
from mutualis.core.money import CENT
from mutualis.core.periods import year_span
from mutualis.territory.models import Organisation, Service, Territory

FOUR_PLACES = Decimal("0.0001")


# ---------------------------------------------------------------- catalogue and adhesion


@transaction.atomic
def service_save(*, service: CommonService, by: User | None = None) -> CommonService:
    """Create or change a service of the catalogue."""
    if service.feed and service.feed not in workunits.registry:
        raise ValidationError({"feed": _("Ce service ne transmet pas d'unités d'œuvre.")})
    service.full_clean()
    service._history_user = by
    service.save()
    return service


@transaction.atomic
def service_join(
    *, service: CommonService, organisation: Organisation, start: date, expected_units: Decimal, by: User | None = None
) -> Adhesion:
    """An organisation joins a service commun from `start`, stating the units it expects to use in
    that year; the convention (service commun, CGCT L5211-4-2) is drafted from the service's model."""
    if not service.active:
        raise ValidationError(_("Ce service n'est plus ouvert aux adhésions."))
    if organisation.territory_id != service.territory_id:
        raise ValidationError(_("Cette organisation n'est pas du territoire du service."))
    adhesion = adhesion_create(
        organisation=organisation,
        service=Service.COMMON_SERVICES,
        start=start,
        convention_instrument=Instrument.COMMON_SERVICE,
        object=f"{service.name} : {service.convention_model}",
        subject=service,
        amount_description=_("remboursement au coût unitaire de fonctionnement du service (CGCT D5211-16)"),
        notice_months=service.notice_months,
        by=by,
    )
    volume_set(adhesion=adhesion, year=start.year, units=expected_units, by=by)
    return adhesion


@transaction.atomic
def volume_set(*, adhesion: Adhesion, year: int, units: Decimal, by: User | None = None) -> ExpectedVolume:
    """The adherent's expected units for a year, the base of that year's provisional calls."""
    if units <= 0:
        raise ValidationError({"units": _("Le volume prévu doit être positif.")})
    start, end = year_span(year)
    if not adhesion.days_in(start, end):
        raise ValidationError({"year": _("L'adhésion n'est pas en vigueur cette année-là.")})
    volume = ExpectedVolume.objects.filter(adhesion=adhesion, year=year).first() or ExpectedVolume(
        adhesion=adhesion, year=year
    )
    volume.units = units
    volume.full_clean()
    volume._history_user = by
    volume.save()
    return volume


# ---------------------------------------------------------------- cost of the service


def _refuse_if_used(sheet: CostSheet) -> None:
    """A sheet whose unit cost has been billed stays as it was billed."""
    if sheet.source == Source.ACCOUNTS:
        used = Instalment.objects.settlements().filter(service=sheet.service_id, year=sheet.year)
    else:
        used = Instalment.objects.provisional().filter(service=sheet.service_id, year=sheet.year)
    if sheet.pk and used.exists():
        raise ValidationError(_("Ce coût a déjà servi à facturer : il ne peut plus changer."))


@transaction.atomic
def cost_sheet_save(*, sheet: CostSheet, by: User | None = None) -> CostSheet:
    """Create a year's cost sheet (budget or accounts) or change its total units."""
    _refuse_if_used(sheet)
    sheet.full_clean()
    sheet.updated_at = timezone.now()
    sheet.created_by = sheet.created_by or by
    sheet._history_user = by
    sheet.save()
    return sheet


@transaction.atomic
def cost_line_add(*, sheet: CostSheet, kind: str, label: str, amount: Decimal, by: User | None = None) -> CostLine:
    if kind == CostKind.FINANCIAL:
        raise ValidationError(
            {
                "kind": _(
                    "Les charges financières sont exclues du coût unitaire de fonctionnement (CGCT D5211-16) : "
                    "ne les inscrivez pas."
                )
            }
        )
    _refuse_if_used(sheet)
    line = CostLine(sheet=sheet, kind=kind, label=label.strip(), amount=amount)
    line.full_clean()
    line._history_user = by
    line.save()
    return line


@transaction.atomic
def cost_line_remove(*, line: CostLine, by: User | None = None) -> None:
    _refuse_if_used(line.sheet)
    line._history_user = by
    line.delete()


def budget_sheet(service: CommonService, year: int) -> CostSheet:
    """The sheet the year's provisional calls are priced on: the year's budget, or failing it the
    previous year's accounts (D5211-16)."""
    sheets = CostSheet.objects.with_totals().filter(service=service)
    sheet = sheets.filter(year=year, source=Source.BUDGET).first()
    sheet = sheet or sheets.filter(year=year - 1, source=Source.ACCOUNTS).first()
    if sheet is None or not sheet.total:
        raise ValidationError(
            _("Saisissez d'abord le coût %(year)s du service au budget (ou le compte administratif %(before)s).")
            % {"year": year, "before": year - 1}
        )
    return sheet


def accounts_sheet(service: CommonService, year: int) -> CostSheet:
    sheet = CostSheet.objects.with_totals().filter(service=service, year=year, source=Source.ACCOUNTS).first()
    if sheet is None or not sheet.total:
        raise ValidationError(
            _("Saisissez d'abord le coût %(year)s du service au compte administratif.") % {"year": year}
        )
    return sheet


# ---------------------------------------------------------------- units of work


def _adhesion_for_units(service: CommonService, organisation: Organisation, day: date) -> Adhesion:
    return adhesion_required(organisation, Service.COMMON_SERVICES, day, subject=service)


@transaction.atomic
def unit_use_record(
    *,
    service: CommonService,
    organisation: Organisation,
    day: date,
    units: Decimal,
    note: str = "",
    origin: str = Origin.MANUAL,
    by: User | None = None,
) -> UnitUse:
    """Record units an adherent used on a day; refused for an organisation that did not adhere then."""
    if units <= 0:
        raise ValidationError({"units": _("Le nombre d'unités doit être positif.")})
    if day > timezone.localdate():
        raise ValidationError({"day": _("Des unités ne s'enregistrent qu'une fois utilisées : pas dans le futur.")})
    _adhesion_for_units(service, organisation, day)
    if Instalment.objects.settlements().filter(service=service, year=day.year).exists():
        raise ValidationError({"day": _("L'année %(year)s est régularisée : elle est close.") % {"year": day.year}})
    use = UnitUse(service=service, organisation=organisation, day=day, units=units, note=note.strip(), origin=origin)
    use.created_by = by
    use.full_clean()
    use._history_user = by
    use.save()
    return use


@dataclass
class FeedResult:
    recorded: int = 0
    skipped: list[str] = field(default_factory=list)


@transaction.atomic
def units_feed(*, service: CommonService, start: date, end: date, by: User | None = None) -> FeedResult:
    """Read the service's feed over [start, end) and record each adherent's units, dated `start`;
    read again (a quarter under way, then once over), the same period's rows are updated, not
    added. Units of organisations that did not adhere on `start` are left out and named."""
    if not service.feed or service.feed not in workunits.registry:
        raise ValidationError(_("Aucun service ne transmet les unités de ce service commun."))
    if start > timezone.localdate():
        raise ValidationError(_("La période n'a pas commencé."))
    if Instalment.objects.settlements().filter(service=service, year=start.year).exists():
        raise ValidationError(_("L'année %(year)s est régularisée : elle est close.") % {"year": start.year})
    result = FeedResult()
    fed = workunits.units(service.feed, service.territory, start, end)
    organisations = Organisation.objects.in_bulk(list(fed))
    label = workunits.registry[service.feed].label
    note = _("%(feed)s du %(start)s au %(last)s") % {
        "feed": label,
        "start": formats.date_format(start, "SHORT_DATE_FORMAT"),
        "last": formats.date_format(end - timedelta(days=1), "SHORT_DATE_FORMAT"),
    }
    for organisation_id, units in sorted(fed.items()):
        organisation = organisations[organisation_id]
        if not service.adhesions().active_on(start).filter(organisation=organisation).exists():
            result.skipped.append(organisation.name)
            continue
        use, _created = UnitUse.objects.update_or_create(
            service=service,
            organisation=organisation,
            day=start,
            origin=Origin.FEED,
            defaults={"units": units.quantize(costs.THOUSANDTH), "note": note[:200], "created_by": by},
        )
        result.recorded += 1
    return result


def units_import(*, service: CommonService, rows: list[dict], by: User | None = None) -> int:
    """Record the rows of an import preview, all or nothing (`imports.validate_rows` checked them)."""
    with transaction.atomic():
        for row in rows:
            unit_use_record(service=service, origin=Origin.IMPORT, by=by, **row)
    return len(rows)


# ---------------------------------------------------------------- calls and settlement


@dataclass
class PostResult:
    posted: list[Instalment] = field(default_factory=list)
    already: int = 0
    refused: list[str] = field(default_factory=list)


def _post(instalment: Instalment, by: User | None) -> Instalment:
    """Save the instalment, and bill it when the service is invoiced (nothing to bill at zero)."""
    instalment.full_clean(exclude=["charge"])
    instalment._history_user = by
    instalment.save()
    if not instalment.service.is_deducted and instalment.amount:
        charge_day = period_span(instalment.year, instalment.service.periods, max(instalment.period, 1))[0]
        if instalment.is_settlement:
            charge_day = date(instalment.year, 12, 31)
        instalment.charge = charge_post(
            organisation=instalment.organisation,
            service=Service.COMMON_SERVICES,
            label=f"{instalment.service.name} – {instalment.label}"[:200],
            quantity=Decimal("1"),
            unit_price=instalment.amount,
            date=charge_day,
            source=instalment,
            created_by=by,
        )
        instalment.save(update_fields=["charge"])
    return instalment


def _gate(adhesion: Adhesion) -> str:
    refusal = gate_refusal(convention=adhesion.convention, step=GatedStep.BILLING)
    return f"{adhesion.organisation.name} : {refusal}" if refusal else ""


def _lock(service: CommonService) -> CommonService:
    return CommonService.objects.select_for_update().select_related("territory").get(pk=service.pk)


@transaction.atomic
def provisional_post(*, service: CommonService, year: int, period: int, by: User | None = None) -> PostResult:
    """Call each adherent's share of its expected volume for one period of the year, at the
    budget's unit cost. The year's call is split evenly over the periods in which the adhesion is
    in force; an adherent whose convention is unsigned or who stated no volume is named, not called."""
    service = _lock(service)
    if not 1 <= period <= service.periods:
        raise ValidationError(_("Période inconnue pour ce service."))
    sheet = budget_sheet(service, year)
    cost = sheet.exact_unit_cost
    start, end = period_span(year, service.periods, period)
    spans = [period_span(year, service.periods, number) for number in range(1, service.periods + 1)]
    result = PostResult()
    adhesions = service.adhesions().during(start, end).select_related("organisation", "convention")
    volumes = {v.adhesion_id: v.units for v in ExpectedVolume.objects.filter(adhesion__in=adhesions, year=year)}
    done = set(
        Instalment.objects.filter(adhesion__in=adhesions, year=year, period=period).values_list(
            "adhesion_id", flat=True
        )
    )
    for adhesion in adhesions:
        if adhesion.pk in done:
            result.already += 1
            continue
        if adhesion.pk not in volumes:
            result.refused.append(
                _("%(organisation)s : volume prévu %(year)s non indiqué.")
                % {"organisation": adhesion.organisation.name, "year": year}
            )
            continue
        if refusal := _gate(adhesion):
            result.refused.append(refusal)
            continue
        in_force = [number for number, span in enumerate(spans, 1) if adhesion.days_in(*span)]
        units, amount = costs.provisional_calls(volumes[adhesion.pk], cost, len(in_force))[in_force.index(period)]
        instalment = Instalment(
            service=service,
            adhesion=adhesion,
            organisation=adhesion.organisation,
            year=year,
            period=period,
            units=units,
            unit_cost=sheet.unit_cost,
            amount=amount,
            created_by=by,
        )
        result.posted.append(_post(instalment, by))
    return result


def actual_units(service: CommonService, year: int) -> dict[int, Decimal]:
    """Units used per adherent over the year, by organisation id."""
    return UnitUse.objects.filter(service=service).between(*year_span(year)).by_organisation()


@transaction.atomic
def settlement_post(*, service: CommonService, year: int, by: User | None = None) -> PostResult:
    """Year end (CGCT D5211-16): each adherent owes its actual units at the unit cost from the
    accounts; the difference with its provisional calls is posted, positive or negative. The dues
    add up to the service's reimbursable cost (`costs.settlement`)."""
    service = _lock(service)
    if year >= timezone.localdate().year:
        raise ValidationError(_("L'année %(year)s n'est pas terminée : pas de régularisation.") % {"year": year})
    sheet = accounts_sheet(service, year)
    used = actual_units(service, year)
    if sum(used.values(), Decimal("0")) > sheet.total_units:
        raise ValidationError(
            _(
                "Les adhérents ont utilisé plus d'unités que le service n'en a produit selon le compte "
                "administratif : corrigez les unités de l'année."
            )
        )
    start, end = year_span(year)
    # The last adhesion of each organisation in the year carries its settlement.
    adhesions: dict[int, Adhesion] = {}
    for adhesion in (
        service.adhesions().during(start, end).select_related("organisation", "convention").order_by("start")
    ):
        adhesions[adhesion.organisation_id] = adhesion
    called = {
        organisation_id: total.quantize(CENT)  # SQLite sums decimals as floats
        for organisation_id, total in Instalment.objects.provisional()
        .filter(service=service, year=year)
        .order_by()
        .values("organisation_id")
        .annotate(total=Sum("amount"))
        .values_list("organisation_id", "total")
    }
    done = set(
        Instalment.objects.settlements().filter(service=service, year=year).values_list("organisation_id", flat=True)
    )
    result = PostResult()
    for organisation_id, (_due, difference) in costs.settlement(
        {key: used.get(key, Decimal("0")) for key in adhesions}, sheet.exact_unit_cost, called
    ).items():
        adhesion = adhesions.get(organisation_id)
        if organisation_id in done:
            result.already += 1
            continue
        if adhesion is None:  # called provisionally, no longer an adherent in the year: cannot be.
            continue
        if refusal := _gate(adhesion):
            result.refused.append(refusal)
            continue
        instalment = Instalment(
            service=service,
            adhesion=adhesion,
            organisation=adhesion.organisation,
            year=year,
            period=SETTLEMENT_PERIOD,
            units=used.get(organisation_id, Decimal("0")),
            unit_cost=sheet.unit_cost,
            amount=difference,
            created_by=by,
        )
        result.posted.append(_post(instalment, by))
    return result


# ---------------------------------------------------------------- commission


@transaction.atomic
def commission_member_add(
    *, territory: Territory, user: User, quality: str, by: User | None = None
) -> CommissionMember:
    if not user.memberships.filter(organisation__territory=territory).exists():
        raise ValidationError({"user": _("Cette personne n'est pas membre du territoire.")})
    if CommissionMember.objects.filter(territory=territory, user=user).exists():
        raise ValidationError({"user": _("Cette personne est déjà membre de la commission.")})
    member = CommissionMember(territory=territory, user=user, quality=quality.strip())
    member.full_clean()
    member._history_user = by
    member.save()
    return member


@transaction.atomic
def commission_meeting_record(
    *, territory: Territory, day: date, agenda: str, minutes: File | None = None, by: User | None = None
) -> CommissionMeeting:
    meeting = CommissionMeeting(territory=territory, day=day, agenda=agenda.strip(), created_by=by)
    if minutes:
        meeting.minutes, meeting.minutes_name = minutes, minutes.name[:200]
    meeting.full_clean()
    meeting._history_user = by
    meeting.save()
    return meeting
