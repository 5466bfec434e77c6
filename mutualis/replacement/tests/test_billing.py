"""Validated hours post charges: hours × rate + km × allowance, in Decimal, at the tariff of each day."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from mutualis.billing.models import Charge
from mutualis.replacement.services import charge_lines, tariff_set, timesheet_validate
from mutualis.replacement.tests.factories import AssignmentFactory, RequestFactory, TariffFactory, TimesheetFactory

MONDAY = date(2026, 9, 28)  # the week runs to Sunday 4 October


@pytest.fixture
def timesheet(commune_a, alice, territory_a):
    request = RequestFactory(organisation=commune_a, start=MONDAY, end=date(2026, 10, 26), weekdays=[0, 1, 2, 3])
    assignment = AssignmentFactory(request=request)
    return TimesheetFactory(assignment=assignment, week=MONDAY, hours=Decimal("20"), km=Decimal("37.5"))


def test_one_tariff_gives_one_line_of_hours_and_one_of_travel(timesheet, territory_a):
    TariffFactory(territory=territory_a, valid_from=date(2026, 1, 1), hourly_rate=Decimal("24.37"),
                  km_allowance=Decimal("0.33"))  # fmt: skip
    lines = charge_lines(timesheet)
    # 30 September and 1 October fall in two months: one line each side.
    assert [(line.quantity, line.unit_price, line.date) for line in lines] == [
        (Decimal("15.000"), Decimal("24.37"), date(2026, 9, 28)),
        (Decimal("28.125"), Decimal("0.33"), date(2026, 9, 28)),
        (Decimal("5.000"), Decimal("24.37"), date(2026, 10, 1)),
        (Decimal("9.375"), Decimal("0.33"), date(2026, 10, 1)),
    ]


def test_a_week_across_two_months_bills_the_rounded_whole_once(timesheet, territory_a, alice):
    TariffFactory(territory=territory_a, valid_from=date(2026, 1, 1), hourly_rate=Decimal("24.37"),
                  km_allowance=Decimal("0.33"))  # fmt: skip
    timesheet_validate(timesheet=timesheet, by=alice)
    amounts = sorted(Charge.objects.values_list("amount", flat=True))
    # 37.5 km × 0.33 = 12.375 → 12.38, split 3:1 → 9.285 and 3.095: the cent left goes to the first
    # part. Rounding each month on its own would bill 9.28 + 3.09 = 12.37, a cent short.
    assert amounts == [Decimal("3.09"), Decimal("9.29"), Decimal("121.85"), Decimal("365.55")]
    assert sum(amounts) == Decimal("20") * Decimal("24.37") + Decimal("12.38")


def test_a_tariff_change_mid_week_is_honoured(commune_a, territory_a, alice):
    request = RequestFactory(organisation=commune_a, start=date(2026, 11, 2), end=date(2026, 11, 30),
                             weekdays=[0, 1, 2, 3, 4])  # fmt: skip
    timesheet = TimesheetFactory(assignment=AssignmentFactory(request=request), week=date(2026, 11, 2),
                                 hours=Decimal("35"), km=Decimal("0"))  # fmt: skip
    TariffFactory(territory=territory_a, valid_from=date(2026, 1, 1), hourly_rate=Decimal("25.00"))
    TariffFactory(territory=territory_a, valid_from=date(2026, 11, 4), hourly_rate=Decimal("26.50"))
    timesheet_validate(timesheet=timesheet, by=alice)
    charges = Charge.objects.order_by("date")
    # Monday and Tuesday at 25 €, Wednesday to Friday at 26.50 €: 14 h and 21 h.
    assert [(c.quantity, c.unit_price, c.amount) for c in charges] == [
        (Decimal("14.000"), Decimal("25.00"), Decimal("350.00")),
        (Decimal("21.000"), Decimal("26.50"), Decimal("556.50")),
    ]
    assert charges[0].service == "replacement"


def test_validating_twice_bills_once(timesheet, tariff, alice):
    timesheet_validate(timesheet=timesheet, by=alice)
    with pytest.raises(ValidationError):
        timesheet_validate(timesheet=timesheet, by=alice)
    assert Charge.objects.count() == 4


def test_no_tariff_in_force_refuses_the_validation(timesheet, alice):
    with pytest.raises(ValidationError, match="Aucun tarif"):
        timesheet_validate(timesheet=timesheet, by=alice)
    assert not Charge.objects.exists()


def test_a_new_tariff_cannot_start_before_hours_already_billed(timesheet, tariff, territory_a, alice):
    timesheet_validate(timesheet=timesheet, by=alice)
    with pytest.raises(ValidationError, match="déjà facturées"):
        tariff_set(territory=territory_a, valid_from=date(2026, 9, 1), hourly_rate=Decimal("30"),
                   km_allowance=Decimal("0.4"))  # fmt: skip
