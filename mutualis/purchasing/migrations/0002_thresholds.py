"""The thresholds of the Code de la commande publique for supplies and services of local
authorities, as they applied from each date. A new decree is a new row (a data change).

Sources:
- décret n° 2019-1344 du 12 décembre 2019: no-formality threshold 40,000 € HT from 1 January 2020,
  the same amount as the publication of essential data (R2196-1);
- décret n° 2025-1386 du 29 décembre 2025 (R2122-8): 60,000 € HT for supplies and services
  from 1 April 2026 (works: 100,000 € HT, not used here);
- European thresholds for local authorities' supplies and services (R2124-1, avis relatif aux
  seuils de procédure, set every two years by the European Commission): 214,000 € HT in
  2020-2021, 215,000 in 2022-2023, 221,000 in 2024-2025, 216,000 in 2026-2027.
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

THRESHOLDS = [
    ("publication", "40000", date(2020, 1, 1), "Décret n° 2019-1344 du 12 décembre 2019 (R2196-1)"),
    ("no_formality", "40000", date(2020, 1, 1), "Décret n° 2019-1344 du 12 décembre 2019 (R2122-8)"),
    ("no_formality", "60000", date(2026, 4, 1), "Décret n° 2025-1386 du 29 décembre 2025 (R2122-8)"),
    ("formalised", "214000", date(2020, 1, 1), "Seuils européens 2020-2021 (R2124-1)"),
    ("formalised", "215000", date(2022, 1, 1), "Seuils européens 2022-2023 (R2124-1)"),
    ("formalised", "221000", date(2024, 1, 1), "Seuils européens 2024-2025 (R2124-1)"),
    ("formalised", "216000", date(2026, 1, 1), "Seuils européens 2026-2027 (R2124-1)"),
]


def seed(apps, schema_editor):
    threshold = apps.get_model("purchasing", "ProcurementThreshold")
    for kind, amount, valid_from, source in THRESHOLDS:
        threshold.objects.get_or_create(
            kind=kind, valid_from=valid_from, defaults={"amount": Decimal(amount), "source": source}
        )


class Migration(migrations.Migration):
    dependencies = [("purchasing", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
