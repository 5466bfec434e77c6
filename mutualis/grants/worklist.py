"""The fonds de concours on the home (see core/worklist.py): a commune's mayor and secretaries see
the drafts to file, the documents asked, the grants whose works must start and their files in
instruction; the coordination and the fonds de concours' managers see the files to instruct, those
on an agenda awaiting the decision and the grants to pay. One query each."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutualis.core.worklist import Found, Item, asked, found, waiting
from mutualis.grants.models import Application, Status
from mutualis.territory.models import COMMUNE_STAFF, Role, Service


def _url(application: Application) -> str:
    return reverse("grants:application_detail", args=[application.pk])


def _item(application: Application) -> Item:
    return Item(application.title, _url(application), state=application.get_status_display())


def _works_item(application: Application) -> Item:
    return Item(
        application.title, _url(application), application.works_deadline, when_label=_("travaux à commencer avant le")
    )


def _agenda_item(application: Application) -> Item:
    return Item(application.title, _url(application), application.agenda_date, when_label=_("séance du"))


def _list_url(**filters) -> str:
    return f"{reverse('grants:application_list')}?{urlencode(filters)}"


def _commune(membership, rows: Callable[[QuerySet], QuerySet], item, **filters) -> Found | None:
    """The rows of the membership's commune, for its mayor and secretaries."""
    if membership.role not in COMMUNE_STAFF:
        return None
    mine = Application.objects.visible_to(membership.user).filter(organisation=membership.organisation_id)
    return found(rows(mine), item, _list_url(organisation=membership.organisation_id, **filters))


def _managers(membership, rows: Callable[[QuerySet], QuerySet], item, **filters) -> Found | None:
    """The territory's rows, for the coordination and the fonds de concours' managers."""
    manager = membership.role == Role.COORDINATOR or (
        membership.role == Role.SERVICE_MANAGER and membership.service == Service.GRANTS
    )
    if not manager:
        return None
    territory = Application.objects.visible_to(membership.user).filter(territory=membership.organisation.territory_id)
    return found(rows(territory), item, _list_url(**filters))


@waiting("grants.drafts", gettext_lazy("Dossiers de fonds de concours à déposer"))
def drafts(membership, today: date) -> Found | None:
    return _commune(
        membership,
        lambda rows: rows.filter(status=Status.DRAFT).order_by("created_at", "pk"),
        _item,
        status=Status.DRAFT,
    )


@waiting("grants.documents_asked", gettext_lazy("Pièces demandées pour un dossier de fonds de concours"))
def documents_asked(membership, today: date) -> Found | None:
    return _commune(
        membership,
        lambda rows: rows.filter(status=Status.INCOMPLETE).order_by("submitted_on", "pk"),
        _item,
        status=Status.INCOMPLETE,
    )


@waiting("grants.works_to_start", gettext_lazy("Fonds de concours attribués : travaux à commencer"))
def works_to_start(membership, today: date) -> Found | None:
    """Granted files whose works have not started, the nearest deadline first (the deadline is
    a fixed number of months after the decision: the oldest decision of a year comes first)."""
    return _commune(
        membership,
        lambda rows: (
            rows.filter(status=Status.GRANTED, works_started_on__isnull=True)
            .select_related("rules")
            .order_by("decided_on", "pk")
        ),
        _works_item,
        status=Status.GRANTED,
    )


@asked("grants.in_instruction", gettext_lazy("Dossiers de fonds de concours en instruction"))
def in_instruction(membership, today: date) -> Found | None:
    return _commune(
        membership,
        lambda rows: rows.filter(status__in=(Status.SUBMITTED, Status.SCHEDULED)).order_by("-submitted_on", "-pk"),
        _item,
    )


@waiting("grants.to_instruct", gettext_lazy("Dossiers de fonds de concours à instruire"))
def to_instruct(membership, today: date) -> Found | None:
    return _managers(
        membership,
        lambda rows: rows.filter(status=Status.SUBMITTED).order_by("submitted_on", "pk"),
        _item,
        status=Status.SUBMITTED,
    )


@waiting("grants.to_decide", gettext_lazy("Dossiers inscrits à l'ordre du jour, à décider"))
def to_decide(membership, today: date) -> Found | None:
    return _managers(
        membership,
        lambda rows: rows.filter(status=Status.SCHEDULED).order_by("agenda_date", "pk"),
        _agenda_item,
        status=Status.SCHEDULED,
    )


@waiting("grants.to_pay", gettext_lazy("Fonds de concours attribués dont les travaux ont commencé, à verser"))
def to_pay(membership, today: date) -> Found | None:
    return _managers(
        membership,
        lambda rows: rows.filter(status=Status.GRANTED, works_started_on__isnull=False).order_by(
            "works_started_on", "pk"
        ),
        _item,
        status=Status.GRANTED,
    )
