from datetime import date

from mutualis.agreements.models import Status
from mutualis.agreements.tests.factories import ConventionFactory
from mutualis.core.indicators import compute

YEAR_2025 = (date(2025, 1, 1), date(2026, 1, 1))


def test_signed_conventions_counts_signatures_within_the_period(territory_a):
    ConventionFactory(territory=territory_a, signed=True, signed_on=date(2025, 1, 1))
    ConventionFactory(territory=territory_a, signed=True, signed_on=date(2025, 12, 31))
    ConventionFactory(territory=territory_a, signed=True, signed_on=date(2024, 12, 31))
    ConventionFactory(territory=territory_a, signed=True, signed_on=date(2026, 1, 1))
    ConventionFactory(territory=territory_a, status=Status.SENT)
    assert compute("agreements.signed_conventions", territory_a, *YEAR_2025) == 2


def test_signed_conventions_ignores_other_territories(territory_a, territory_b):
    ConventionFactory(territory=territory_b, signed=True, signed_on=date(2025, 6, 1))
    assert compute("agreements.signed_conventions", territory_a, *YEAR_2025) == 0


def test_conventions_in_force_counts_signed_ones_overlapping_the_period(territory_a):
    ConventionFactory(territory=territory_a, signed=True, start=date(2024, 6, 1), end=None)
    ConventionFactory(territory=territory_a, signed=True, start=date(2024, 1, 1), end=date(2025, 1, 2))
    ConventionFactory(territory=territory_a, signed=True, start=date(2024, 1, 1), end=date(2025, 1, 1))
    ConventionFactory(territory=territory_a, signed=True, start=date(2026, 1, 1), end=None)
    ConventionFactory(territory=territory_a, status=Status.SENT, start=date(2025, 3, 1))
    ConventionFactory(
        territory=territory_a, signed=True, status=Status.ENDED, start=date(2024, 1, 1), end=None,
        ended_on=date(2024, 12, 1),
    )  # fmt: skip
    assert compute("agreements.conventions_in_force", territory_a, *YEAR_2025) == 2
