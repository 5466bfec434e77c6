"""Reads that add up the census: consolidation per lot, procedures, commitments and savings.

Sums are done by the database, a bounded number of queries whatever the number of members
and lots. Products of quantities (2 decimals) and unit prices (4 decimals) are exact with 6
decimals: the database returns them with 6, and amounts are rounded once, to the cent, half up.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, QuerySet, Sum

from mutualis.purchasing.models import (
    Article,
    Consultation,
    Lot,
    Need,
    Procedure,
    ProcurementThreshold,
    ThresholdKind,
)
from mutualis.territory.models import Organisation

CENT = Decimal("0.01")
EXACT = DecimalField(max_digits=30, decimal_places=6)


def money(value: Decimal | None) -> Decimal:
    return (value or Decimal(0)).quantize(CENT, rounding=ROUND_HALF_UP)


def thresholds_on(on: date) -> dict[str, Decimal]:
    return ProcurementThreshold.objects.in_force(on)


def procedure_for(amount: Decimal, thresholds: dict[str, Decimal]) -> str:
    """The procedure an estimated contract value calls for (CCP R2122-8 and R2124-1)."""
    if amount < thresholds.get(ThresholdKind.NO_FORMALITY, Decimal(0)):
        return Procedure.NEGOTIATED_WITHOUT_NOTICE
    formalised = thresholds.get(ThresholdKind.FORMALISED)
    if formalised is None or amount < formalised:
        return Procedure.ADAPTED
    return Procedure.OPEN_TENDER


def _product(price: str) -> ExpressionWrapper:
    return ExpressionWrapper(F("quantity") * F(price), output_field=EXACT)


def amounts_by_lot(consultation: Consultation, *, awarded: bool = False) -> dict[int, Decimal]:
    """Yearly amount of each lot: declared quantities at the current prices known (or at the awarded prices)."""
    price = "article__awarded_unit_price" if awarded else "current_unit_price"
    rows = (
        Need.objects.filter(consultation=consultation)
        .values("article__lot_id")
        .annotate(amount=Sum(_product(price)))
        .order_by()
    )
    return {row["article__lot_id"]: money(row["amount"]) for row in rows}


@dataclass
class ArticleTotal:
    article: Article
    quantities: dict[int, Decimal] = field(default_factory=dict)  # by organisation id
    total: Decimal = Decimal(0)
    priced_members: int = 0
    row: list[Decimal | None] = field(default_factory=list)  # quantities in the members' order


@dataclass
class LotConsolidation:
    lot: Lot
    articles: list[ArticleTotal]
    yearly_amount: Decimal
    contract_amount: Decimal
    procedure: str

    @property
    def procedure_label(self) -> str:
        return str(Procedure(self.procedure).label)


@dataclass
class Consolidation:
    consultation: Consultation
    members: list[Organisation]
    lots: list[LotConsolidation]
    yearly_amount: Decimal
    contract_amount: Decimal
    procedure: str

    @property
    def procedure_label(self) -> str:
        return str(Procedure(self.procedure).label)


def consolidate(consultation: Consultation) -> Consolidation:
    """Quantities per article by member and in total, the yearly amount of each lot at the
    prices members pay today, the contract's estimated value over its duration, and the
    procedure it calls for under the thresholds in force on the launch day. Lots of one
    consultation add up (R2121-7), so the consultation's own procedure is given too."""
    lots = list(consultation.lots.order_by("number").prefetch_related("articles"))
    totals = {
        article.pk: ArticleTotal(article) for lot in lots for article in lot.articles.all()
    }  # every article, even without needs
    needs = Need.objects.filter(consultation=consultation)
    for row in (
        needs.values("article_id")
        .annotate(total=Sum("quantity"), priced=Count("pk", filter=Q(current_unit_price__isnull=False)))
        .order_by()
    ):
        totals[row["article_id"]].total = row["total"]
        totals[row["article_id"]].priced_members = row["priced"]
    member_ids = set()
    for article_id, organisation_id, quantity in needs.values_list("article_id", "organisation_id", "quantity"):
        totals[article_id].quantities[organisation_id] = quantity
        member_ids.add(organisation_id)
    members = list(Organisation.objects.filter(pk__in=member_ids).order_by("search_name").only("name"))
    for total in totals.values():
        total.row = [total.quantities.get(member.pk) for member in members]
    yearly = amounts_by_lot(consultation)
    thresholds = thresholds_on(consultation.procedure_date)
    months = Decimal(consultation.duration_months)
    consolidated = []
    for lot in lots:
        lot_yearly = yearly.get(lot.pk, Decimal("0.00"))
        contract = money(lot_yearly * months / 12)
        articles = [totals[article.pk] for article in lot.articles.all()]
        consolidated.append(LotConsolidation(lot, articles, lot_yearly, contract, procedure_for(contract, thresholds)))
    total_yearly = sum((lot.yearly_amount for lot in consolidated), Decimal("0.00"))
    total_contract = sum((lot.contract_amount for lot in consolidated), Decimal("0.00"))
    return Consolidation(
        consultation, members, consolidated, total_yearly, total_contract, procedure_for(total_contract, thresholds)
    )


# ---------------------------------------------------------------- savings


def _saving() -> ExpressionWrapper:
    return ExpressionWrapper(
        (F("current_unit_price") - F("article__awarded_unit_price")) * F("quantity"), output_field=EXACT
    )


def awarded_needs(needs: QuerySet) -> QuerySet:
    """Needs whose article has an awarded price, with their yearly amount and saving."""
    return needs.filter(article__awarded_unit_price__isnull=False).annotate(
        awarded_amount=_product("article__awarded_unit_price"),
        saving=_saving(),
    )


def savings_by_member(needs: QuerySet) -> dict[int, Decimal]:
    """(former unit price − awarded unit price) × declared yearly volume, summed per member;
    needs declared without a current price count for nothing."""
    rows = (
        awarded_needs(needs)
        .filter(current_unit_price__isnull=False)
        .values("organisation_id")
        .annotate(total=Sum("saving"))
        .order_by()
    )
    return {row["organisation_id"]: money(row["total"]) for row in rows}


def total_savings(needs: QuerySet) -> Decimal:
    """The overall saving, rounded once (it may differ by a cent from the sum of rounded shares)."""
    total = awarded_needs(needs).filter(current_unit_price__isnull=False).aggregate(total=Sum("saving"))["total"]
    return money(total)


@dataclass
class Commitment:
    """An organisation's share of an awarded lot: its lines, yearly amount and saving."""

    lot: Lot
    needs: list[Need]
    amount: Decimal
    saving: Decimal


def commitments_of(organisation: Organisation) -> list[Commitment]:
    needs = (
        awarded_needs(Need.objects.filter(organisation=organisation))
        .select_related("article__lot__consultation", "article__lot__award")
        .order_by("article__lot__consultation__title", "article__lot__number", "article_id")
    )
    by_lot: dict[int, list[Need]] = defaultdict(list)
    lots = {}
    for need in needs:
        by_lot[need.article.lot_id].append(need)
        lots[need.article.lot_id] = need.article.lot
    return [
        Commitment(
            lots[lot_id],
            lines,
            money(sum((line.awarded_amount for line in lines), Decimal(0))),
            money(sum((line.saving for line in lines if line.current_unit_price is not None), Decimal(0))),
        )
        for lot_id, lines in by_lot.items()
    ]
