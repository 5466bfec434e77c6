"""The year's grants as open data: the SCDL « Subventions » 2.1.1 (data/schema_scdl_subventions_v2.1.1.json).

One row per file granted by a decision of the year, still granted or paid: a grant that lapsed was
never paid and its attribution fell, so it is not published. The beneficiary is the commune; the
percentage is the commune's share of the amount (1.00: a fonds de concours has one beneficiary,
as the schema defines the field), not the share of the project's cost.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from mutualis.core.periods import year_span
from mutualis.grants.models import DECIDED_GRANTS, Application, PaymentKind
from mutualis.territory.models import Territory

SCHEMA = Path(__file__).resolve().parent / "data" / "schema_scdl_subventions_v2.1.1.json"
FIELDS = [
    "nomAttribuant", "idAttribuant", "dateConvention", "referenceDecision", "nomBeneficiaire", "idBeneficiaire",
    "rnaBeneficiaire", "objet", "montant", "nature", "conditionsVersement", "datesPeriodeVersement", "idRAE",
    "notificationUE", "pourcentageSubvention", "dispositifAide",
]  # fmt: skip
NATURE = "aide en numéraire"
SCHEME = "Fonds de concours"
OBJECT_LENGTH = 256


def published(territory: Territory, year: int):
    """The files the export lists: granted by a decision of the year, not lapsed."""
    return (
        Application.objects.filter(territory=territory, status__in=DECIDED_GRANTS)
        .granted_between(*year_span(year))
        .select_related("organisation", "rules")
        .prefetch_related("payments")
        .order_by("decided_on", "pk")
    )


def payment_terms(application: Application) -> str:
    """« échelonné » when an advance was paid, or is planned while nothing was paid yet; else « unique »."""
    payments = list(application.payments.all())
    if payments:
        staged = any(payment.kind == PaymentKind.ADVANCE for payment in payments)
    else:
        staged = application.rules.advance_rate > 0
    return "échelonné" if staged else "unique"


def payment_period(application: Application) -> str:
    """The day of a single payment, the first to the last payment, or while nothing was paid, the
    decision to the deadline for starting the works."""
    days = sorted(payment.paid_on for payment in application.payments.all())
    if not days:
        return f"{application.decided_on.isoformat()}/{application.works_deadline.isoformat()}"
    if days[0] == days[-1]:
        return days[0].isoformat()
    return f"{days[0].isoformat()}/{days[-1].isoformat()}"


def row(application: Application, territory: Territory) -> dict[str, str]:
    return {
        "nomAttribuant": territory.name,
        "idAttribuant": territory.siret,
        "dateConvention": application.decided_on.isoformat(),
        "referenceDecision": application.decision_reference,
        "nomBeneficiaire": application.organisation.name,
        "idBeneficiaire": "",
        "rnaBeneficiaire": "",
        "objet": application.title[:OBJECT_LENGTH],
        "montant": f"{application.granted_amount:.2f}",
        "nature": NATURE,
        "conditionsVersement": payment_terms(application),
        "datesPeriodeVersement": payment_period(application),
        "idRAE": "",
        "notificationUE": "non",
        "pourcentageSubvention": "1.00",
        "dispositifAide": SCHEME,
    }


def rows(territory: Territory, year: int) -> list[dict[str, str]]:
    return [row(application, territory) for application in published(territory, year)]


def csv_content(territory: Territory, year: int) -> str:
    """The CSV as the schema's example: comma-separated, UTF-8 without BOM, a header of the field names."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(territory, year))
    return out.getvalue()


def filename(territory: Territory, year: int) -> str:
    return f"{territory.siren}_subventions_fonds_de_concours_{year}.csv"
