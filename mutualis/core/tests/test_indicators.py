from datetime import date, timedelta

import pytest
from django.utils import timezone

from mutualis.core.indicators import compute, figures, indicator, registry
from mutualis.core.periods import year_span

PERIOD = (date(2026, 1, 1), date(2027, 1, 1))


def test_foundation_registers_its_indicators():
    assert {"territory.organisations", "territory.organisations.commune", "territory.active_users"} <= set(registry)


def test_a_key_cannot_be_registered_twice():
    with pytest.raises(ValueError):
        indicator("territory.organisations", "again")(lambda territory, start, end: 0)


def test_organisations_by_kind(territory_a, epci_a, commune_a, commune_b):
    assert compute("territory.organisations.commune", territory_a, *PERIOD) == 2
    assert compute("territory.organisations.epci", territory_a, *PERIOD) == 1


def test_active_users_counts_logins_within_the_period(territory_a, alice, bob, charlie, oscar):
    now = timezone.now()
    for user, last_login in ((alice, now), (bob, now - timedelta(days=800)), (oscar, now)):
        user.last_login = last_login
        user.save(update_fields=["last_login"])
    today = timezone.localdate()
    assert compute("territory.active_users", territory_a, today - timedelta(days=30), today + timedelta(days=1)) == 1


def test_the_year_is_the_calendar_year_half_open():
    assert year_span(2026) == PERIOD


def test_figures_of_a_year_read_each_indicator_over_the_calendar_year(territory_a, epci_a, commune_a):
    shown = figures(territory_a, 2026, "territory.organisations")
    assert [f.key for f in shown] == sorted(k for k in registry if k.startswith("territory.organisations"))
    assert all(f.value == compute(f.key, territory_a, *PERIOD) for f in shown)
