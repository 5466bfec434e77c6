"""The services communs for the demo (schéma, action 7): created on 1 January 2022 with the seed's
first adherents, the Ville de Dole, the Syndicat Mixte de la Grande Tablée and the Syndicat Mixte
Doubs Loue, and the expertise cell of action 1 billed through its own service commun on the hours
the helpdesk records. Every year since 2022 has its budget, its calls, its units and, once over,
its accounts and settlement; the current year its budget, calls and units so far. Everything goes
through the app's services (conventions signed, charges posted), once: loading again changes nothing.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from mutualis.accounts.models import User
from mutualis.agreements.services import convention_send, convention_sign
from mutualis.commonservices import services
from mutualis.commonservices.models import CommonService, CostKind, CostSheet, Rhythm, Settlement, Source
from mutualis.core.periods import current_year
from mutualis.demo.digital import one_page_pdf
from mutualis.territory.models import Organisation, Territory

START = date(2022, 1, 1)
PERMITS = "Instruction des autorisations d'urbanisme"
HR_PACK = "Pack Ressources Humaines"
EXPERTISE = "Cellule d'expertise juridique et technique"

CATALOGUE = [
    {
        "name": PERMITS,
        "description": "Instruction des permis de construire, d'aménager et de démolir, des déclarations préalables "
        "et des certificats d'urbanisme pour le compte du maire, qui reste signataire des décisions.",
        "audience": "Communes dotées d'un document d'urbanisme",
        "unit": "acte instruit",
        "settlement": Settlement.AC_DEDUCTION,
        "rhythm": Rhythm.QUARTERLY,
        "convention_model": "l'instruction des autorisations et actes relatifs à l'occupation des sols",
    },
    {
        "name": HR_PACK,
        "description": "Paie, carrières, absences et conseil statutaire pour les agents de l'adhérent.",
        "audience": "Communes, syndicats et CCAS",
        "unit": "agent géré",
        "settlement": Settlement.INVOICE,
        "rhythm": Rhythm.HALF_YEARLY,
        "convention_model": "la gestion des ressources humaines (paie, carrières, conseil statutaire)",
    },
    {
        "name": EXPERTISE,
        "description": "Réponses juridiques, techniques et informatiques des experts de l'agglomération, "
        "à l'heure passée (action 1 du schéma).",
        "audience": "Toutes les organisations du territoire",
        "unit": "heure",
        "settlement": Settlement.INVOICE,
        "rhythm": Rhythm.QUARTERLY,
        "convention_model": "l'expertise juridique, technique et numérique facturée à l'heure",
        "feed": "helpdesk.hours",
    },
]
# Per service: the yearly budget lines (€), the service's units a year, and per adherent its
# expected units and the units actually used (the same each year, for a readable demo).
COSTS = {
    PERMITS: ({CostKind.STAFF: 118000, CostKind.SUPPLIES: 4200, CostKind.RENEWAL: 3600, CostKind.CONTRACTS: 9800}, 680),
    HR_PACK: ({CostKind.STAFF: 61000, CostKind.SUPPLIES: 1500, CostKind.CONTRACTS: 7400}, 420),
    EXPERTISE: ({CostKind.STAFF: 52000, CostKind.SUPPLIES: 800, CostKind.CONTRACTS: 2200}, 1100),
}
ADHERENTS = {
    PERMITS: [("39198", 240, 251)],
    HR_PACK: [("39198", 180, 176), ("Syndicat Mixte de la Grande Tablée", 14, 15), ("Syndicat Mixte Doubs Loue", 9, 9)],
}
# The expertise cell's adherents are the organisations that ask the desk: their hours come from it.
EXPERTISE_ADHERENTS = ["39198", "39270", "39189", "39233", "39526"]
EXPECTED_HOURS, USED_HOURS = 12, 10
# The accounts come out a little above the budget: 3 % more cost, 2 % more units.
ACCOUNTS_COST, ACCOUNTS_UNITS = Decimal("1.03"), Decimal("1.02")


def load_commonservices(territory: Territory, epci: Organisation, communes: dict[str, Organisation]) -> None:
    if CommonService.objects.filter(territory=territory).exists():
        return
    manager = User.objects.get(email="services-communs@mutualis.example")
    coordinator = User.objects.get(email="coordination@mutualis.example")
    by_name = {o.name: o for o in Organisation.objects.filter(territory=territory)}

    def organisation(key: str) -> Organisation:
        return communes.get(key) or by_name[key]

    catalogue = {}
    for fields in CATALOGUE:
        service = CommonService(territory=territory, **fields)
        service.created_at = timezone.make_aware(datetime(2022, 1, 1))
        catalogue[fields["name"]] = services.service_save(service=service, by=manager)
    plan = {name: [(organisation(key), *figures) for key, *figures in rows] for name, rows in ADHERENTS.items()}
    plan[EXPERTISE] = [(organisation(key), EXPECTED_HOURS, USED_HOURS) for key in EXPERTISE_ADHERENTS]
    for name, adherents in plan.items():
        for member, expected, _used in adherents:
            adhesion = services.service_join(
                service=catalogue[name], organisation=member, start=START, expected_units=Decimal(expected), by=manager
            )
            sign(adhesion, coordinator)
    for name, service in catalogue.items():
        run_years(service, plan[name], manager)


def sign(adhesion, coordinator: User) -> None:
    convention = adhesion.convention
    convention_send(convention=convention, by=coordinator)
    scan = one_page_pdf(f"Convention de service commun signee : {adhesion.organisation.name}", "convention.pdf")
    signed_on = adhesion.start - timedelta(days=20)
    convention_sign(convention=convention, signed_on=signed_on, signed_scan=scan, by=coordinator)


def cost_sheet(service: CommonService, year: int, source: str, scale: Decimal, units_scale: Decimal, by: User) -> None:
    lines, units = COSTS[service.name]
    sheet = services.cost_sheet_save(
        sheet=CostSheet(service=service, year=year, source=source, total_units=Decimal(units) * units_scale), by=by
    )
    for kind, amount in lines.items():
        amount = (Decimal(amount) * scale).quantize(Decimal("0.01"))
        services.cost_line_add(sheet=sheet, kind=kind, label=str(CostKind(kind).label), amount=amount, by=by)


def run_years(service: CommonService, adherents: list, by: User) -> None:
    """2022 to last year: budget, calls, units, accounts and settlement; this year so far."""
    today = timezone.localdate()
    for year in range(START.year, current_year() + 1):
        growth = Decimal("1.02") ** (year - START.year)
        cost_sheet(service, year, Source.BUDGET, growth, Decimal("1"), by)
        for adhesion in service.adhesions().select_related("organisation"):
            if year > START.year:
                expected = next(e for member, e, _u in adherents if member.pk == adhesion.organisation_id)
                services.volume_set(adhesion=adhesion, year=year, units=Decimal(expected), by=by)
        for period in range(1, service.periods + 1):
            services.provisional_post(service=service, year=year, period=period, by=by)
        record_units(service, adherents, year, today, by)
        if year < today.year:
            cost_sheet(service, year, Source.ACCOUNTS, growth * ACCOUNTS_COST, ACCOUNTS_UNITS, by)
            services.settlement_post(service=service, year=year, by=by)


def record_units(service: CommonService, adherents: list, year: int, today: date, by: User) -> None:
    """Units by hand, a quarter at a time, up to today; this year, the expertise cell's hours from the
    helpdesk (whose demo records them this year)."""
    if service.feed and year == today.year:
        for quarter in range(1, 5):
            start = date(year, 3 * quarter - 2, 1)
            if start <= today:
                end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
                services.units_feed(service=service, start=start, end=end, by=by)
        return
    for member, _expected, used in adherents:
        for quarter in range(4):
            day = date(year, 3 * quarter + 2, 15)
            share = Decimal(used) / 4
            if day < today and share:
                services.unit_use_record(
                    service=service, organisation=member, day=day, units=share.quantize(Decimal("0.001")), by=by
                )
