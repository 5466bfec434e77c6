"""The EPCI's view of shared equipment: every table exportable with `?export=<table>&format=…`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import tablib
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from mutualis.core.charts import Chart, bar_chart, months
from mutualis.core.exports import export_dataset, export_response
from mutualis.core.indicators import figures
from mutualis.core.periods import MonthStart, year_span
from mutualis.equipment.forms import DashboardForm
from mutualis.equipment.indicators import loans_lent_during
from mutualis.equipment.models import Loan, LoanStatus, Request, RequestStatus, overdue_loans
from mutualis.territory.access import requires
from mutualis.territory.models import Territory

MONTHS = 12
TOP_CATEGORIES = 10


@dataclass
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list]


def loans_per_month(territory: Territory, today: date) -> Table:
    index = today.year * 12 + today.month - 1 - (MONTHS - 1)
    first = date(index // 12, index % 12 + 1, 1)
    counts = dict(
        Loan.objects.filter(territory=territory, start__gte=first)
        .exclude(status=LoanStatus.CANCELLED)
        .annotate(month=MonthStart("start"))
        .values_list("month")
        .annotate(count=Count("pk"))
        .order_by()
    )
    # Every month since `first` has its row, loans or not, up to the last one scheduled.
    rows = [[month.strftime("%m/%Y"), counts.get(month, 0)] for month in months(first, max([today, *counts]))]
    return Table("months", _("Prêts par mois"), [_("Mois"), _("Prêts")], rows)


def months_chart(table: Table) -> Chart:
    return bar_chart(
        table.title,
        [month for month, _count in table.rows],
        {table.headers[1]: [n for _m, n in table.rows]},
        x_title=table.headers[0],
    )


def top_categories(territory: Territory, today: date) -> Table:
    counts = (
        Request.objects.filter(territory=territory)
        .values("category__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "category__name")[:TOP_CATEGORIES]
    )
    rows = [[row["category__name"], row["count"]] for row in counts]
    return Table("categories", _("Catégories les plus demandées"), [_("Catégorie"), _("Demandes")], rows)


def organisations(territory: Territory, today: date) -> Table:
    """One row per organisation counted by the year's "equipment.participating_organisations"."""
    loans = loans_lent_during(territory, *year_span(today.year))
    lent = Counter(dict(loans.values_list("owner__name").annotate(count=Count("pk")).order_by()))
    borrowed = Counter(dict(loans.values_list("borrower__name").annotate(count=Count("pk")).order_by()))
    rows = [[name, lent[name], borrowed[name]] for name in sorted(set(lent) | set(borrowed))]
    return Table("organisations", _("Organisations qui prêtent et empruntent en %(year)d") % {"year": today.year},
                 [_("Organisation"), _("Prêts consentis"), _("Emprunts")], rows)  # fmt: skip


def unanswered(territory: Territory, today: date, days: int) -> Table:
    since = timezone.now() - timedelta(days=days)
    requests = (
        Request.objects.filter(territory=territory, status=RequestStatus.PENDING, created_at__lte=since)
        .with_list_data()
        .order_by("created_at")
    )
    rows = [
        [
            r.item.name if r.item else r.category.name,
            r.borrower.name,
            r.owner.name if r.owner else "",
            r.created_at.date(),
            (today - timezone.localdate(r.created_at)).days,
            r.pk,
        ]  # fmt: skip
        for r in requests
    ]
    return Table("unanswered", _("Demandes sans réponse depuis %(days)d jours ou plus") % {"days": days},
                 [_("Matériel ou catégorie"), _("Emprunteur"), _("Prêteur"), _("Saisie le"), _("Jours d'attente")],
                 rows)  # fmt: skip


def overdue(territory: Territory, today: date) -> Table:
    rows = [
        [loan.item.name, loan.owner.name, loan.borrower.name, loan.last_day, (today - loan.last_day).days, loan.pk]
        for loan in overdue_loans(territory)
    ]
    return Table("overdue", _("Retours en retard"),
                 [_("Matériel"), _("Prêteur"), _("Emprunteur"), _("Dernier jour prévu"), _("Jours de retard")],
                 rows)  # fmt: skip


@requires("equipment.view_dashboard")
def dashboard(request: HttpRequest) -> HttpResponse:
    form = DashboardForm(request.GET or None)
    days = form.cleaned_data["days"] if form.is_valid() and form.cleaned_data["days"] is not None else 7
    territory, today = request.territory, timezone.localdate()
    builders: dict[str, Callable[[], Table]] = {
        "months": lambda: loans_per_month(territory, today),
        "categories": lambda: top_categories(territory, today),
        "organisations": lambda: organisations(territory, today),
        "unanswered": lambda: unanswered(territory, today, days),
        "overdue": lambda: overdue(territory, today),
    }
    if "export" in request.GET:
        if request.GET["export"] not in builders:
            raise Http404
        table = builders[request.GET["export"]]()
        return export_response(table_dataset(table), request.GET.get("format", "csv"), f"materiel-{table.key}")
    tables = {key: build() for key, build in builders.items()}
    context = {
        "form": form,
        "days": days,
        "year": today.year,
        "figures": figures(territory, today.year, "equipment."),
        "tables": tables,
        "months_chart": months_chart(tables["months"]),
    }
    return render(request, "equipment/dashboard.html", context)


def table_dataset(table: Table) -> tablib.Dataset:
    width = len(table.headers)
    return export_dataset(table.headers, (row[:width] for row in table.rows), title=table.title)
