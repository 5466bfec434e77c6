from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

import tablib
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from mutualis.core.exports import export_dataset, export_response
from mutualis.core.lists import paginated
from mutualis.equipment.forms import CatalogueFilterForm
from mutualis.equipment.models import Item, ItemQuerySet, Loan
from mutualis.territory.access import requires

CALENDAR_MONTHS = 3


@requires("equipment.view_item")
def catalogue(request: HttpRequest) -> HttpResponse:
    form = CatalogueFilterForm(request.GET or None, territory=request.territory)
    items = form.filter(
        Item.objects.visible_to(request.user).filter(territory=request.territory).lendable().with_list_data()
    )
    if "format" in request.GET:
        return export_response(catalogue_dataset(items), request.GET["format"], "materiel")
    context = {"form": form, **paginated(request, items)}
    template = "equipment/catalogue.html#results" if request.htmx else "equipment/catalogue.html"
    return render(request, template, context)


def catalogue_dataset(items: ItemQuerySet) -> tablib.Dataset:
    headers = [_("Matériel"), _("Catégorie"), _("Propriétaire"), _("Secteur"), _("Quantité"), _("Lieu de stockage"),
               _("Tarif par jour (€)"), _("Caution (€)"), _("Qualification requise"), _("Avec opérateur")]  # fmt: skip
    rows = (
        [
            i.name,
            i.category.name,
            i.owner.name,
            i.owner.sector.name if i.owner.sector else "",
            i.quantity,
            i.storage_location,
            i.daily_fee,
            i.deposit,
            i.get_qualification_kind_display(),
            _("oui") if i.operator_provided else _("non"),
        ]  # fmt: skip
        for i in items
    )
    return export_dataset(headers, rows, title=_("Matériel"))


@dataclass(frozen=True)
class Day:
    day: date
    in_month: bool
    taken: bool


@dataclass(frozen=True)
class Month:
    first: date
    weeks: list[list[Day]]


def month_grids(first_month: date, spans: list[tuple[date, date]], count: int = CALENDAR_MONTHS) -> list[Month]:
    """`count` months from `first_month`, each a list of weeks (Monday first); a day is taken
    when it falls in one of the half-open `spans`."""
    months = []
    year, month = first_month.year, first_month.month
    for _i in range(count):
        weeks = [
            [Day(d, d.month == month, any(start <= d < end for start, end in spans)) for d in week]
            for week in calendar.Calendar().monthdatescalendar(year, month)
        ]
        months.append(Month(date(year, month, 1), weeks))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


@requires("equipment.view_item", model=Item, detail=True)
def item_detail(request: HttpRequest, item: Item) -> HttpResponse:
    today = timezone.localdate()
    loans = list(
        Loan.objects.filter(item=item, blocked_until__gt=today).active().select_related("borrower").order_by("start")
    )
    unavailabilities = [u for u in item.unavailabilities.all() if u.end > today]
    spans = [(loan.start, loan.blocked_until) for loan in loans] + [(u.start, u.end) for u in unavailabilities]
    borrower = request.membership.organisation
    context = {
        "item": item,
        "rules": item.rules,
        "loans": loans,
        "unavailabilities": unavailabilities,
        "months": month_grids(today.replace(day=1), spans),
        "today": today,
        "weekdays": [date(2024, 1, d) for d in range(1, 8)],  # 1 January 2024 was a Monday
        "may_ask": item.is_available_for_loans and item.owner_id != borrower.pk,
    }
    return render(request, "equipment/item_detail.html", context)
