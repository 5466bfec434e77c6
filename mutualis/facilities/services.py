"""Every write on sports facilities: inventory, plans, inspections, maintenance, reminders."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mutualis.accounts.models import User
from mutualis.facilities.models import (
    Compliance,
    Facility,
    FacilityStatus,
    Inspection,
    InspectionPhoto,
    InspectionPlan,
    Maintenance,
)
from mutualis.notifications.people import managers_of, staff_of
from mutualis.notifications.services import notify
from mutualis.territory.models import Organisation, Service, Territory


def _save(row, by: User, **fields) -> None:
    for name, value in fields.items():
        setattr(row, name, value)
    row.full_clean()
    row._history_user = by
    row.save()


def _lock(facility: Facility) -> Facility:
    return Facility.objects.select_for_update().select_related("owner").get(pk=facility.pk)


def _not_in_future(day: date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("La date ne peut pas être dans le futur.")})


# ---------------------------------------------------------------- facilities


@transaction.atomic
def facility_declare(*, owner: Organisation, by: User, **fields) -> Facility:
    facility = Facility(owner=owner)
    _save(facility, by, **fields)
    return facility


@transaction.atomic
def facility_archive(*, facility: Facility, by: User) -> Facility:
    """Remove a facility from the inventory (dismantled); its register is kept."""
    facility = _lock(facility)
    if facility.is_archived:
        raise ValidationError(_("Cet équipement est déjà archivé."))
    _save(facility, by, status=FacilityStatus.ARCHIVED, archived_at=timezone.now())
    return facility


# ---------------------------------------------------------------- plans


def _last_inspection(facility: Facility, kind: str) -> date | None:
    return Inspection.objects.filter(facility=facility, kind=kind).aggregate(last=Max("inspected_on"))["last"]


@transaction.atomic
def plan_save(*, plan: InspectionPlan, by: User) -> InspectionPlan:
    """Create or change a plan; its next due date follows from the last inspection of its kind."""
    facility = _lock(plan.facility)
    if facility.is_archived:
        raise ValidationError(_("Cet équipement est archivé."))
    if InspectionPlan.objects.filter(facility=facility, kind=plan.kind).exclude(pk=plan.pk).exists():
        raise ValidationError({"kind": _("Cet équipement a déjà un plan pour ce type de contrôle.")})
    plan.territory_id = facility.territory_id
    plan.next_due_on = plan.due_after(_last_inspection(facility, plan.kind))
    _save(plan, by)
    return plan


# ---------------------------------------------------------------- inspections


@transaction.atomic
def inspection_record(
    *,
    facility: Facility,
    kind: str,
    inspected_on: date,
    inspector: User,
    findings: str,
    compliance: str,
    by: User,
    actions_required: str = "",
    photos: Sequence[File] = (),
    photos_consent: bool = False,
) -> Inspection:
    """Record an inspection in the register. A major defect puts the facility out of service;
    a compliant inspection puts it back. The plan of that kind is due again one period later."""
    facility = _lock(facility)
    if facility.is_archived:
        raise ValidationError(_("Cet équipement est archivé."))
    _not_in_future(inspected_on, "inspected_on")
    if compliance != Compliance.COMPLIANT and not actions_required.strip():
        raise ValidationError({"actions_required": _("Indiquez les actions à mener pour corriger les défauts.")})
    if photos and not photos_consent:
        raise ValidationError(
            {"photos": _("Confirmez que les personnes visibles ont donné leur accord (ou que personne n'est visible).")}
        )
    inspection = Inspection(facility=facility, territory_id=facility.territory_id)
    _save(
        inspection, by, kind=kind, inspected_on=inspected_on, inspector=inspector, findings=findings.strip(),
        compliance=compliance, actions_required=actions_required.strip(),
    )  # fmt: skip
    for image in photos:
        try:
            _save(InspectionPhoto(inspection=inspection), by, image=image, consent=photos_consent)
        except ValidationError as error:
            raise ValidationError({"photos": error.messages}) from None
    _follow_compliance(facility, inspection, by)
    for plan in InspectionPlan.objects.filter(facility=facility, kind=kind).select_for_update():
        _save(plan, by, next_due_on=plan.due_after(_last_inspection(facility, kind)))
    return inspection


def _follow_compliance(facility: Facility, inspection: Inspection, by: User) -> None:
    latest = Inspection.objects.filter(facility=facility).order_by("-inspected_on", "-pk").first()
    if latest != inspection:
        return  # an older inspection entered late says nothing about today's state
    if inspection.compliance == Compliance.MAJOR and not facility.is_out_of_service:
        _save(facility, by, status=FacilityStatus.OUT_OF_SERVICE)
        context = {
            "day": _day(inspection.inspected_on),
            "facility": facility,
            "address": facility.address,
            "actions": inspection.actions_required,
        }
        notify(
            "facilities.out_of_service",
            recipients=staff_of(facility.owner_id),
            context=context,
            exclude=by,
            url=reverse("facilities:facility_detail", args=[facility.pk]),
            territory=facility.territory_id,
        )
    elif inspection.compliance == Compliance.COMPLIANT and facility.is_out_of_service:
        _save(facility, by, status=FacilityStatus.IN_SERVICE)


# ---------------------------------------------------------------- maintenance


@transaction.atomic
def maintenance_record(*, facility: Facility, done_on: date, description: str, done_by: str, by: User) -> Maintenance:
    facility = _lock(facility)
    _not_in_future(done_on, "done_on")
    maintenance = Maintenance(facility=facility, territory_id=facility.territory_id)
    _save(maintenance, by, done_on=done_on, description=description.strip(), done_by=done_by.strip(), recorded_by=by)
    return maintenance


# ---------------------------------------------------------------- reminders


def _day(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _plan_line(plan: InspectionPlan, today: date) -> str:
    values = {"kind": plan.get_kind_display(), "facility": plan.facility, "address": plan.facility.address,
              "day": _day(plan.next_due_on)}  # fmt: skip
    if plan.is_overdue(today):
        return _("- EN RETARD : %(kind)s de « %(facility)s » (%(address)s), prévu le %(day)s") % values
    return _("- %(kind)s de « %(facility)s » (%(address)s), prévu le %(day)s") % values


@transaction.atomic
def reminders_send(*, territory: Territory, today: date) -> int:
    """Tell each owner's staff its overdue and upcoming inspections, and the inspectors (the
    expertise desk's managers) the whole list. A plan is reminded at most once a day, so running
    the command twice sends nothing new. Returns the number of people told."""
    plans = list(
        InspectionPlan.objects.filter(territory=territory)
        .due(today)
        .exclude(reminded_on=today)
        .select_for_update(of=("self",))
        .with_list_data()
        .order_by("facility__owner__search_name", "next_due_on", "pk")
    )
    if not plans:
        return 0
    by_owner: dict[Organisation, list[InspectionPlan]] = defaultdict(list)
    for plan in plans:
        by_owner[plan.facility.owner].append(plan)
    url = reverse("facilities:due_list")
    told = []
    for owner, owned in by_owner.items():
        plans_text = "\n".join(_plan_line(plan, today) for plan in owned)
        told += notify(
            "facilities.inspections_due",
            recipients=staff_of(owner),
            url=url,
            territory=territory,
            context={"owner": owner, "plans": plans_text},
        )
    plans_text = "\n".join(f"{_plan_line(plan, today)} – {plan.facility.owner}" for plan in plans)
    told += notify(
        "facilities.inspections_due_all",
        recipients=managers_of(territory, Service.HELPDESK),
        url=url,
        territory=territory,
        context={"plans": plans_text},
    )
    InspectionPlan.objects.filter(pk__in=[plan.pk for plan in plans]).update(reminded_on=today)
    return len(told)
